// The 微信小店 connection as this window sees it (host only): its status and a running sync's progress, replaced by
// every `shop.changed`.
import { create } from 'zustand';
import type { ShopStatus } from '../../../electron/core/protocol/shop-schemas.ts';
import type { StudioClient } from '../api/index.ts';

export interface ShopProgress {
  phase: string;
  done: number;
  total: number;
}

interface ShopStoreState {
  status: ShopStatus | null;
  progress: ShopProgress | null;
  connect(appId: string, appSecret: string): Promise<void>;
  disconnect(): Promise<void>;
  sync(what: { products?: boolean; orders?: boolean }): Promise<void>;
}

let client: StudioClient | null = null;

export const useShop = create<ShopStoreState>((set) => ({
  status: null,
  progress: null,
  async connect(appId, appSecret) {
    if (client) set({ status: await client.call('shop.connect', { appId, appSecret }) });
  },
  async disconnect() {
    if (client) set({ status: await client.call('shop.disconnect', {}) });
  },
  async sync(what) {
    if (client) set({ status: await client.call('shop.sync', what) });
  },
}));

export function bindShop(studio: StudioClient): void {
  client = studio;
  studio.on('shop.changed', ({ status, progress }) => useShop.setState({ status, progress }));
  studio.onReady((hello) => {
    if (hello.role !== 'host') return void useShop.setState({ status: null, progress: null });
    void studio.call('shop.status', {}).then(
      (status) => useShop.setState({ status }),
      () => undefined,
    );
  });
}
