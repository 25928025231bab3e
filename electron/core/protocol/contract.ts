// The studio protocol: every method (argument and result schemas) and every event, in one place.
// Both transports (WebSocket, Electron MessagePort) carry exactly these messages.
import { z } from 'zod';
import { catalogMethods, productSchema, type Product } from './catalog-schemas.ts';
import { jobMethods, type Job } from './jobs-schemas.ts';
import { liveMethods, type LiveEvents } from './live-schemas.ts';
import { couponMethods, type CouponEvents } from './coupon-schemas.ts';
import { accessMethods, CAPABILITIES, ROLES, type AccessEvents } from './access-schemas.ts';
import { streamMethods, type StreamEvents } from './stream-schemas.ts';
import { overlayMethods, type OverlayEvents } from './overlay-schemas.ts';
import { hotkeyMethods, type HotkeyEvents } from './hotkeys-schemas.ts';
import { showMethods } from './show-schemas.ts';
import { shopMethods, type ShopEvents } from './shop-schemas.ts';
import { clipMethods, type ClipEvents } from './clip-schemas.ts';
import { uploadMethods } from './upload-schemas.ts';
export type {
  Order,
  OrderLine,
  OrderInput,
  QuoteInput,
  OrderFilter,
  OrderSort,
  OrderStatus,
  OrderTotals,
  OrderHistoryEntry,
  Quote,
  SessionReport,
  CouponChoice,
} from './order-schemas.ts';
import { orderMethods, type OrderEvents } from './order-schemas.ts';
import type { StudioErrorShape } from './errors.ts';

export const PROTOCOL_VERSION = 1;

const studioMethods = {
  /** The first call of every client: who the server is, and the sequence number events continue from. */
  'studio.hello': {
    params: z.strictObject({ client: z.string().max(64).default('unknown') }),
    result: z.object({
      protocol: z.number().int(),
      appVersion: z.string(),
      seq: z.number().int(),
      /** What this connection may do: an assistant's UI hides stream settings and access management. */
      role: z.enum(ROLES),
      /** What the host lets this device do (every capability for the host itself): the UI hides the rest. */
      capabilities: z.array(z.enum(CAPABILITIES)),
      /** The core's clock when it answered: session clocks on a device whose own clock is off stay right. */
      serverTime: z.number().int(),
      /** Empty for assistants: where the data lives is the host's business. */
      dataDir: z.string(),
      catalog: z.object({ active: z.number().int(), archived: z.number().int() }),
    }),
  },
} as const;

export const methods = {
  ...studioMethods,
  ...catalogMethods,
  ...jobMethods,
  ...liveMethods,
  ...couponMethods,
  ...accessMethods,
  ...streamMethods,
  ...overlayMethods,
  ...hotkeyMethods,
  ...showMethods,
  ...orderMethods,
  ...uploadMethods,
  ...shopMethods,
  ...clipMethods,
} as const;
export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type Params<M extends MethodName> = z.input<Methods[M]['params']>;
export type ParsedParams<M extends MethodName> = z.output<Methods[M]['params']>;
export type Result<M extends MethodName> = z.output<Methods[M]['result']>;

export interface Events
  extends
    LiveEvents,
    CouponEvents,
    AccessEvents,
    StreamEvents,
    OrderEvents,
    OverlayEvents,
    HotkeyEvents,
    ShopEvents,
    ClipEvents {
  'catalog.productChanged': { product: Product };
  /** After a bulk import: lists should refetch rather than patch. */
  'catalog.bulkChanged': { created: number; updated: number };
  'job.updated': { job: Job };
  /** Stands in for an event this connection may not see (a host-only one), so its numbering stays gapless. */
  'studio.hidden': Record<string, never>;
}
export type EventName = keyof Events;

// Wire messages. Requests carry a client-chosen id; the reply echoes it.
export interface RequestMessage {
  type: 'request';
  id: number;
  method: string;
  params?: unknown;
}
export type ReplyMessage =
  | { type: 'reply'; id: number; ok: true; result: unknown }
  | { type: 'reply'; id: number | null; ok: false; error: StudioErrorShape };
export interface EventMessage<E extends EventName = EventName> {
  type: 'event';
  /** Global, gapless, increasing: a client that sees a gap resynchronises. */
  seq: number;
  name: E;
  data: Events[E];
}
export type ServerMessage = ReplyMessage | EventMessage;

export const requestMessageSchema = z.strictObject({
  type: z.literal('request'),
  id: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  method: z.string().max(64),
  params: z.unknown().optional(),
});

export { productSchema };
export type { Product, Job };
export type { ProductInput, ProductSort, LinkKind } from './catalog-schemas.ts';
export type {
  Session,
  SessionInput,
  SessionState,
  SessionDetail,
  BagItem,
  Segment,
  CouponPush,
} from './live-schemas.ts';
export type { Coupon, CouponInput, CouponKind, CouponScope } from './coupon-schemas.ts';
export type { AccessState, Device, Role } from './access-schemas.ts';
export type {
  StreamState,
  StreamSettings,
  StreamDestination,
  DestinationInput,
  Platform,
  SourceChoice,
  VideoPreset,
} from './stream-schemas.ts';
