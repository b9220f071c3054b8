-- Delivery runs one lane per channel (DeliveryWorker): each claims the oldest due notification of
-- its own channel. That claim was the only reader of notification_due (next_attempt_at alone).
create index notification_due_by_channel on notification (channel, next_attempt_at)
    where status = 'PENDING';
drop index notification_due;
