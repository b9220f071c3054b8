/**
 * The worker that takes requested backups: claims a PENDING one ({@code for update skip locked}),
 * commits the claim, dumps outside any transaction, then records the outcome and its event in one
 * transaction. Claims are leases renewed while the dump runs, so a backup whose replica stopped is
 * re-run by whichever replica finds its claim expired.
 */
package dev.autopilot.backup.worker;
