// The order log's filters as SQL: one translation shared by the list, its totals and the CSV export, so the
// file always holds exactly the orders the seller was looking at.
import { likePattern } from '../catalog/product-store.ts';
import type { OrderFilter } from '../protocol/order-schemas.ts';

export interface FilterSql {
  /** A WHERE condition on `orders o` (`1` when nothing is filtered). */
  where: string;
  params: Record<string, string | number>;
}

/**
 * `contacts: false` for whoever may not see buyers' contact details: the search then does not look at phone numbers
 * either (a search that finds "138…" would tell them one digit at a time).
 */
export function filterSql(filter: OrderFilter, { contacts = true }: { contacts?: boolean } = {}): FilterSql {
  const where: string[] = [];
  const params: Record<string, string | number> = {};
  if (filter.sessionId !== undefined) {
    where.push('o.session_id = @sessionId');
    params.sessionId = filter.sessionId;
  }
  if (filter.status !== undefined) {
    where.push('o.status = @status');
    params.status = filter.status;
  }
  if (filter.from !== undefined) {
    where.push('o.created_at >= @from');
    params.from = filter.from;
  }
  if (filter.to !== undefined) {
    where.push('o.created_at < @to');
    params.to = filter.to;
  }
  if (filter.productId !== undefined) {
    where.push('EXISTS (SELECT 1 FROM order_lines fl WHERE fl.order_id = o.id AND fl.product_id = @productId)');
    params.productId = filter.productId;
  }
  if (filter.buyer) {
    where.push('o.buyer = @buyer');
    params.buyer = filter.buyer;
  }
  if (filter.query) {
    const phone = contacts ? ` OR o.phone LIKE @like ESCAPE '\\'` : '';
    where.push(
      `(o.order_no LIKE @like ESCAPE '\\' OR o.buyer LIKE @like ESCAPE '\\'${phone}` +
        ` OR EXISTS (SELECT 1 FROM order_lines ql WHERE ql.order_id = o.id AND ql.title LIKE @like ESCAPE '\\'))`,
    );
    params.like = likePattern(filter.query);
  }
  return { where: where.length > 0 ? where.join(' AND ') : '1', params };
}
