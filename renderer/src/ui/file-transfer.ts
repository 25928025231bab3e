// Files cross the protocol as base64: read a picked file, and save a job's result as a download.

export function readFileAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('could not read the file'));
    // A data: URL is the browser's own fast base64 encoder; we keep only the payload.
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}

export function downloadBase64(fileName: string, mime: string, dataBase64: string): void {
  const binary = atob(dataBase64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  downloadBlob(fileName, new Blob([bytes], { type: mime }));
}

/** Saves something made in the page (a poster drawn on a canvas) as a download. */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke later: the download may not have started reading the blob yet.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Saves a file the studio serves at `url` (a clip) as a download, under `fileName`. In the desktop app, downloads
 * that share a `batch` go to one folder the user picks once (electron/main/downloads.ts); a browser saves them where
 * it saves downloads.
 */
export function downloadUrl(url: string, fileName: string, batch?: string): void {
  const link = document.createElement('a');
  link.href = batch ? `${url}?batch=${encodeURIComponent(batch)}` : url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
}
