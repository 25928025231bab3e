// The original file of a cover picked in this window, by image id. The core hands back only a 240px
// thumbnail, which is blurry on a 750px poster; a cover chosen here can be drawn at full size. In memory only.
const originals = new Map<string, string>();

export function rememberOriginal(imageId: string, file: File): void {
  if (originals.has(imageId)) return;
  originals.set(imageId, URL.createObjectURL(file));
}

export function originalUrl(imageId: string): string | undefined {
  return originals.get(imageId);
}
