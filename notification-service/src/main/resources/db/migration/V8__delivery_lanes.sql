-- Delivery runs one lane per channel (DeliveryWorker): each claims the oldest due notification of
-- its own channel.
create index notification_due_by_channel on notification (channel, next_attempt_at)
    where status = 'PENDING';
