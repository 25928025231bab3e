// The long video of a show (合集): the chosen explanations in the chosen order, at most 30 minutes (视频号 takes
// videos up to that), with a chapter list to paste into the description (时间戳 + 商品名) and the products' links.
// Pure: the explanations' plans in, the reel's parts, its length and its text out.
import type { ClipPiece, ClipPlan } from './clip-plan.ts';

/** 视频号's longest video. */
export const REEL_MAX_MS = 30 * 60 * 1000;

export interface ReelPart {
  plan: ClipPlan;
  pieces: ClipPiece[];
}

export interface ReelChoice {
  parts: ReelPart[];
  /** Chosen explanations with nothing recorded: left out, and said. */
  unrecorded: ClipPlan[];
  /** What the recordings hold of the chosen explanations (the reel may come out a keyframe's distance longer). */
  totalMs: number;
}

/**
 * The explanations of `segmentIds` in that order (every ended one in show order when absent); an id that is not an
 * ended explanation of the show is refused by the caller before this. A still-being-written one is left out.
 */
export function chooseReel(plans: readonly ClipPlan[], segmentIds?: readonly number[]): ReelChoice {
  const chosen = segmentIds
    ? segmentIds.map((id) => plans.find((p) => p.segmentIds.includes(id))).filter((p) => p !== undefined)
    : [...plans];
  const parts: ReelPart[] = [];
  const unrecorded: ClipPlan[] = [];
  for (const plan of new Set(chosen)) {
    if (plan.pieces.length === 0 || plan.waiting) unrecorded.push(plan);
    else parts.push({ plan, pieces: plan.pieces });
  }
  const totalMs = parts.reduce((sum, part) => sum + part.pieces.reduce((s, p) => s + p.toMs - p.fromMs, 0), 0);
  return { parts, unrecorded, totalMs };
}

export interface ReelChapter {
  atMs: number;
  linkNo: number;
  title: string;
  productId: number;
}

/** Chapters from how long each part came out (a copied part starts at the keyframe before its cut). */
export function reelChapters(parts: readonly ReelPart[], partMs: readonly number[]): ReelChapter[] {
  let at = 0;
  return parts.map((part, i) => {
    const chapter = { atMs: at, linkNo: part.plan.linkNo, title: part.plan.title, productId: part.plan.productId };
    at += partMs[i] ?? 0;
    return chapter;
  });
}

/** `mm:ss` (or `h:mm:ss`), as video descriptions write chapter times. */
export function chapterTime(ms: number): string {
  const s = Math.floor(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(s / 3600);
  return h > 0 ? `${h}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}` : `${pad(Math.floor(s / 60))}:${pad(s % 60)}`;
}

export interface ProductLink {
  link: string | null;
  kind: 'miniprogram' | 'url' | 'article' | null;
}

/**
 * The description text: the chapters, then each product's link once. A mini-program path is no web address: it is
 * said as one, for the seller to attach the product in 视频号's own editor.
 */
export function reelDescription(
  chapters: readonly ReelChapter[],
  linkOf: (productId: number) => ProductLink | null,
  locale: 'zh-CN' | 'en',
): string {
  const zh = locale === 'zh-CN';
  const name = (c: ReelChapter) => (zh ? `${c.linkNo}号 ${c.title}` : `No. ${c.linkNo} ${c.title}`);
  const lines = chapters.map((c) => `${chapterTime(c.atMs)} ${name(c)}`);
  const seen = new Set<number>();
  const links: string[] = [];
  for (const c of chapters) {
    const link = seen.has(c.productId) ? null : linkOf(c.productId);
    seen.add(c.productId);
    if (!link?.link) continue;
    const mini = link.kind === 'miniprogram';
    links.push(
      `${name(c)}${zh ? '：' : ': '}${mini ? (zh ? '（小程序页面）' : '(mini-program page) ') : ''}${link.link}`,
    );
  }
  if (links.length > 0) lines.push('', zh ? '商品链接' : 'Product links', ...links);
  return `${lines.join('\n')}\n`;
}
