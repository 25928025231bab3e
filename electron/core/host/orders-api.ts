// POST /api/orders: orders from other tools (a comment bot, a spreadsheet macro). A thin translation of a
// small snake_case JSON body into `orders.create`, dispatched through the protocol server like any other call,
// so the same validation, roles, writer and events apply. The idempotency key makes retries safe.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { messageFor, pickLocale, type Locale } from '../protocol/messages.ts';
import type { Order } from '../protocol/order-schemas.ts';
import { ORDER_LIMITS } from '../protocol/order-schemas.ts';
import type { StudioErrorShape } from '../protocol/errors.ts';
import type { Principal, StudioServer } from '../rpc/server.ts';

export const ORDERS_API_PATH = '/api/orders';
const MAX_BODY_BYTES = 64 * 1024;

const bodySchema = z
  .strictObject({
    key: z.string().trim().min(1).max(128),
    link_no: z.number().int().positive().optional(),
    sku: z.string().trim().min(1).max(64).optional(),
    quantity: z.number().int().min(1).max(ORDER_LIMITS.quantity),
    buyer: z.string().trim().min(1).max(ORDER_LIMITS.buyer),
    phone: z.string().trim().max(ORDER_LIMITS.phone).optional(),
    address: z.string().trim().max(ORDER_LIMITS.address).optional(),
    note: z.string().trim().max(ORDER_LIMITS.note).optional(),
    session: z.number().int().positive().optional(),
  })
  .refine((b) => (b.link_no === undefined) !== (b.sku === undefined), {
    message: 'give exactly one of link_no or sku',
    path: ['link_no'],
  });

export interface ApiAnswer {
  status: number;
  body: unknown;
}

/** The order as the API shows it: snake_case, amounts in fen, times as ISO strings too. */
export function apiOrder(order: Order) {
  return {
    id: order.id,
    order_no: order.orderNo,
    status: order.status,
    session: order.sessionId,
    buyer: order.buyer,
    phone: order.phone,
    address: order.address,
    note: order.note,
    coupon: order.couponName,
    subtotal_fen: order.subtotalFen,
    discount_fen: order.discountFen,
    paid_fen: order.paidFen,
    lines: order.lines.map((l) => ({
      link_no: l.linkNo,
      sku: l.sku,
      product: l.title,
      spec: l.spec,
      unit_price_fen: l.unitPriceFen,
      quantity: l.quantity,
      discount_fen: l.discountFen,
      paid_fen: l.paidFen,
    })),
    created_at: new Date(order.createdAt).toISOString(),
  };
}

// Refusals the caller can fix by sending something else are 422; ones about the state of the shop are 409.
const UNPROCESSABLE = new Set([
  'sku_required',
  'sku_unknown',
  'order_unknown_link',
  'order_unknown_sku',
  'order_no_session',
  'product_archived',
  'order_key_reused',
]);

const STATUS_OF: Partial<Record<StudioErrorShape['code'], number>> = {
  bad_request: 400,
  forbidden: 403,
  not_found: 404,
  busy: 503,
  disk_full: 507,
};

function errorAnswer(error: StudioErrorShape, locale: Locale): ApiAnswer {
  const reason = error.code === 'refused' ? (error.issues?.[0]?.code ?? 'refused') : error.code;
  const params = error.issues?.[0]?.params ?? {};
  const status = error.code === 'refused' ? (UNPROCESSABLE.has(reason) ? 422 : 409) : (STATUS_OF[error.code] ?? 500);
  const fields =
    error.code === 'bad_request' ? { fields: error.issues?.map((i) => i.path.replace(/^input\./, '')) } : {};
  return { status, body: { error: { code: reason, message: messageFor(reason, locale, params), ...fields } } };
}

/** Turns a parsed JSON body into an order (or an error the caller can act on). */
export async function createFromApi(
  server: StudioServer,
  principal: Principal,
  body: unknown,
  locale: Locale,
): Promise<ApiAnswer> {
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || '(body)';
    return {
      status: 400,
      body: { error: { code: 'bad_request', message: `${field}: ${issue.message}`, fields: [field] } },
    };
  }
  const b = parsed.data;
  const input = {
    ...(b.session !== undefined && { sessionId: b.session }),
    lines: [{ ...(b.link_no !== undefined ? { linkNo: b.link_no } : { sku: b.sku }), quantity: b.quantity }],
    buyer: b.buyer,
    ...(b.phone !== undefined && { phone: b.phone }),
    ...(b.address !== undefined && { address: b.address }),
    ...(b.note !== undefined && { note: b.note }),
  };
  const { role, deviceId, capabilities } = principal;
  const ctx = { connectionId: 0, client: 'api', role, deviceId, capabilities };
  const reply = await server.dispatch(
    { type: 'request', id: 0, method: 'orders.create', params: { input, key: b.key } },
    ctx,
  );
  if (!reply.ok) return errorAnswer(reply.error, locale);
  return { status: 201, body: apiOrder(reply.result as Order) };
}

/** The HTTP side: method, token, content type, size, JSON; then createFromApi. */
export async function serveOrdersApi(
  req: IncomingMessage,
  res: ServerResponse,
  server: StudioServer,
  authorize: (token: string | undefined) => Promise<Principal | 'busy' | null>,
): Promise<void> {
  const locale = pickLocale(req.headers['accept-language']);
  const send = ({ status, body }: ApiAnswer) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  const fail = (status: number, code: string, message: string) => send({ status, body: { error: { code, message } } });
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST');
    return fail(405, 'method_not_allowed', 'use POST');
  }
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const refusal = (principal: Principal | 'busy' | null) => {
    if (principal === 'busy') {
      res.setHeader('retry-after', '10');
      return fail(429, 'too_many_tries', messageFor('auth_too_many_tries', locale));
    }
    res.setHeader('www-authenticate', 'Bearer');
    return fail(401, 'unauthorized', messageFor('unauthorized', locale));
  };
  const checked = await authorize(bearer);
  if (checked === 'busy' || !checked) return refusal(checked);
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    return fail(415, 'unsupported_media_type', 'send Content-Type: application/json');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > MAX_BODY_BYTES) return fail(413, 'too_large', `the body is over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return fail(400, 'bad_json', 'the body is not valid JSON');
  }
  // Checked again now the body is in: a device revoked, or its rights changed, while it was sending acts as it is now.
  const principal = await authorize(bearer);
  if (principal === 'busy' || !principal) return refusal(principal);
  send(await createFromApi(server, principal, body, locale));
}
