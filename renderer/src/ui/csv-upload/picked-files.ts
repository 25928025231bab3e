// Telling the picked files apart (the CSV, its pictures) and which pictures the CSV names. Pure, except for
// reading the CSV's text.

const CSV_NAME = /\.(csv|txt)$/i;
const PICTURE_NAME = /\.(jpe?g|png|webp|gif)$/i;

export function isCsvFile(file: File): boolean {
  return CSV_NAME.test(file.name) || file.type === 'text/csv';
}

export function isPictureFile(file: File): boolean {
  return PICTURE_NAME.test(file.name);
}

/** A picture's name as the studio matches it: its path inside a picked folder, else its file name. */
export function pictureName(file: File): string {
  return (file.webkitRelativePath || file.name).slice(-255);
}

/** The CSV's text, for finding the picture names in it: UTF-8 when it decodes as such, else GBK (Excel on Windows). */
export async function csvText(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gbk').decode(bytes);
  }
}

/** The pictures whose file name appears in the CSV's text (case aside): the only ones worth sending. */
export function picturesNamedIn(pictures: readonly File[], text: string): File[] {
  const haystack = text.toLowerCase();
  return pictures.filter((file) => haystack.includes(file.name.toLowerCase()));
}
