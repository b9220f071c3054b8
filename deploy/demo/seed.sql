-- Seed data for the `demo` database of the local stack (./autopilot up).
-- Gives backup-service something real to back up and restore.
-- Idempotent: safe to run again; it only inserts into an empty table.

CREATE TABLE IF NOT EXISTS customers (
    id         integer PRIMARY KEY,
    name       text        NOT NULL,
    email      text        NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS orders (
    id          integer PRIMARY KEY,
    customer_id integer       NOT NULL REFERENCES customers (id),
    item        text          NOT NULL,
    quantity    integer       NOT NULL CHECK (quantity > 0),
    amount      numeric(10,2) NOT NULL,
    status      text          NOT NULL DEFAULT 'NEW',
    created_at  timestamptz   NOT NULL DEFAULT now()
);

INSERT INTO customers (id, name, email)
SELECT * FROM (VALUES
    (1, 'Ada Lovelace',     'ada@example.com'),
    (2, 'Grace Hopper',     'grace@example.com'),
    (3, 'Alan Turing',      'alan@example.com'),
    (4, 'Margaret Hamilton','margaret@example.com'),
    (5, 'Linus Torvalds',   'linus@example.com')
) AS v(id, name, email)
WHERE NOT EXISTS (SELECT 1 FROM customers);

INSERT INTO orders (id, customer_id, item, quantity, amount, status, created_at)
SELECT * FROM (VALUES
    ( 1, 1, 'keyboard',        1,   49.90, 'SHIPPED',   timestamptz '2026-01-03 09:12:00+00'),
    ( 2, 2, 'monitor',         2,  399.00, 'SHIPPED',   timestamptz '2026-01-04 10:01:00+00'),
    ( 3, 3, 'mouse',           1,   19.99, 'DELIVERED', timestamptz '2026-01-05 11:45:00+00'),
    ( 4, 4, 'laptop stand',    1,   35.00, 'DELIVERED', timestamptz '2026-01-06 08:30:00+00'),
    ( 5, 5, 'usb-c hub',       3,   89.70, 'SHIPPED',   timestamptz '2026-01-07 14:22:00+00'),
    ( 6, 1, 'headset',         1,   79.00, 'NEW',       timestamptz '2026-01-08 16:05:00+00'),
    ( 7, 2, 'webcam',          1,   59.00, 'CANCELLED', timestamptz '2026-01-09 12:00:00+00'),
    ( 8, 3, 'desk lamp',       2,   44.00, 'DELIVERED', timestamptz '2026-01-10 19:40:00+00'),
    ( 9, 4, 'ssd 1tb',         1,   89.00, 'SHIPPED',   timestamptz '2026-01-11 07:55:00+00'),
    (10, 5, 'ram 32gb',        2,  198.00, 'NEW',       timestamptz '2026-01-12 13:13:00+00'),
    (11, 1, 'cable pack',      5,   25.00, 'DELIVERED', timestamptz '2026-01-13 09:09:00+00'),
    (12, 2, 'chair',           1,  249.00, 'SHIPPED',   timestamptz '2026-01-14 15:30:00+00'),
    (13, 3, 'notebook',       10,   30.00, 'DELIVERED', timestamptz '2026-01-15 10:10:00+00'),
    (14, 4, 'pen set',         2,   12.50, 'NEW',       timestamptz '2026-01-16 11:11:00+00'),
    (15, 5, 'router',          1,  129.00, 'SHIPPED',   timestamptz '2026-01-17 17:45:00+00'),
    (16, 1, 'ups battery',     1,  149.00, 'NEW',       timestamptz '2026-01-18 08:00:00+00'),
    (17, 2, 'speakers',        1,   69.00, 'DELIVERED', timestamptz '2026-01-19 20:20:00+00'),
    (18, 3, 'microphone',      1,   99.00, 'SHIPPED',   timestamptz '2026-01-20 21:00:00+00'),
    (19, 4, 'docking station', 1,  189.00, 'NEW',       timestamptz '2026-01-21 06:45:00+00'),
    (20, 5, 'mouse pad',       3,   27.00, 'DELIVERED', timestamptz '2026-01-22 12:34:00+00')
) AS v(id, customer_id, item, quantity, amount, status, created_at)
WHERE NOT EXISTS (SELECT 1 FROM orders);
