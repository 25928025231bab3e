// Version 5: what the hardening needed of the schema.
// - products.edit_version: bumped only when what a person edits changes (title, prices, SKU, link, selling points,
//   picture), never by stock an order takes. An export writes it, so an import can tell a row the seller changed in
//   Excel from a product someone changed in the studio since.
// - orders: an idempotency key belongs to whoever sent it (the host, or one paired device), and remembers what it
//   was sent with, so a key reused for another order is refused instead of answering the first one.
// - access_devices.capabilities: what the host lets each paired device do (JSON array; see access-schemas.ts).
//   Devices paired before get the everyday two: running the bag, taking orders.
export default {
  version: 5,
  name: 'safety',
  sql: `
    ALTER TABLE products ADD COLUMN edit_version INTEGER NOT NULL DEFAULT 1 CHECK (edit_version >= 1);
    UPDATE products SET edit_version = version;

    -- Keys taken before this version get the scope of whoever created their order (its first history entry).
    UPDATE orders SET idem_key = coalesce(
        (SELECT CASE WHEN h.device_id IS NULL THEN 'host' ELSE 'device:' || h.device_id END
           FROM order_history h WHERE h.order_id = orders.id ORDER BY h.id LIMIT 1),
        'host') || ':' || idem_key
      WHERE idem_key IS NOT NULL;
    -- sha-256 of the order as it was asked for; NULL for keys from before this version (not compared).
    ALTER TABLE orders ADD COLUMN idem_hash TEXT;

    ALTER TABLE access_devices ADD COLUMN capabilities TEXT NOT NULL DEFAULT '["bag","orders"]'
      CHECK (json_valid(capabilities) AND json_type(capabilities) = 'array');
  `,
};
