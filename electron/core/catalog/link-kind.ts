// What a product link points at: a web page, a WeChat Official Account article, or a WeChat mini-program page.
import type { LinkKind } from '../protocol/catalog-schemas.ts';

// The short link WeChat copies for a mini-program page: `#小程序://店铺名/AbCdEf`.
const MINIPROGRAM_SHORT = /^#小程序:\/\/[^/\s]+\/\S+$/u;
// A mini-program page path: `pages/goods/detail?id=1`, `/pages/index/index`, `sub/pages/x.html`.
// No dots before the optional `.html`, so a scheme-less domain (`shop.example.com/item`) is not taken for a path.
const MINIPROGRAM_PATH = /^\/?[\w-]+(?:\/[\w-]+)+(?:\.html)?(?:\?\S*)?$/;
const ARTICLE_HOST = 'mp.weixin.qq.com';

/** Classifies a (trimmed) link; null when it is none of the kinds a product may carry. */
export function classifyLink(text: string): LinkKind | null {
  const s = text.trim();
  if (s === '') return null;
  if (MINIPROGRAM_SHORT.test(s)) return 'miniprogram';
  if (/^https?:\/\//i.test(s)) {
    // Whitespace is never part of a link someone pasted on purpose; URL() would silently encode it.
    if (/\s/.test(s)) return null;
    let url: URL;
    try {
      url = new URL(s);
    } catch {
      return null;
    }
    if (url.hostname === '' || url.username !== '' || url.password !== '') return null;
    // Articles are also opened over http (WeChat redirects), so the host decides, not the scheme.
    return url.hostname === ARTICLE_HOST ? 'article' : 'url';
  }
  return MINIPROGRAM_PATH.test(s) ? 'miniprogram' : null;
}
