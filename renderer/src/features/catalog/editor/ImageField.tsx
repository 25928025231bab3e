// Pick an image → upload it → show the core's thumbnail. The picker is a real button; the file input is hidden.
import { MAX_IMAGE_BYTES } from '../../../../../electron/core/protocol/limits.ts';
import { useRef, useState } from 'react';
import type { Issue } from '../../../../../electron/core/protocol/errors.ts';
import { isCallError } from '../../../api/index.ts';
import { describeError, describeIssue } from '../../../i18n/describe.ts';
import { useT } from '../../../i18n/index.ts';
import { Button } from '../../../ui/Button.tsx';
import { uploadPicture } from '../../../api/uploads.ts';
import { Thumbnail } from '../list/Thumbnail.tsx';

interface ImageFieldProps {
  imageId: string | null;
  title: string;
  issue: Issue | undefined;
  onChange(imageId: string | null): void;
  onIssue(issue: Issue | undefined): void;
  /** For images that are not a product's (a live session's cover): the field's label and the picture's alt. */
  label?: string;
  alt?: string;
}

export function ImageField({ imageId, title, issue, onChange, onIssue, label, alt }: ImageFieldProps) {
  const tr = useT();
  const { t } = tr;
  const input = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function upload(file: File): Promise<void> {
    setError(null);
    onIssue(undefined);
    if (file.size > MAX_IMAGE_BYTES) {
      onIssue({ path: 'imageId', code: 'image_too_large' });
      return;
    }
    setUploading(true);
    try {
      onChange(await uploadPicture(file));
    } catch (err) {
      const first = isCallError(err) ? err.issues[0] : undefined;
      if (first) onIssue({ ...first, path: 'imageId' });
      else setError(describeError(tr, err));
    } finally {
      setUploading(false);
      if (input.current) input.current.value = '';
    }
  }

  const problem = issue ? describeIssue(tr, issue) : error;
  return (
    <div className={`field image-field ${problem ? 'field--invalid' : ''}`}>
      <span className="field__label">{label ?? t('field.image')}</span>
      <div className="image-field__row">
        <Thumbnail
          imageId={imageId}
          alt={alt ?? t('image.alt', { title: title || t('product.untitled') })}
          size="large"
        />
        <div className="image-field__actions">
          <Button size="small" onClick={() => input.current?.click()} disabled={uploading}>
            {imageId ? t('image.change') : t('image.pick')}
          </Button>
          {imageId ? (
            <Button size="small" variant="ghost" onClick={() => onChange(null)} disabled={uploading}>
              {t('image.remove')}
            </Button>
          ) : null}
          {uploading ? <span className="muted">{t('image.uploading')}</span> : null}
        </div>
        <input
          ref={input}
          type="file"
          accept="image/jpeg,image/png,image/webp,image/gif"
          className="visually-hidden"
          tabIndex={-1}
          aria-label={t('image.pick')}
          data-testid="image-input"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) void upload(file);
          }}
        />
      </div>
      {problem ? <p className="field__error">{problem}</p> : null}
    </div>
  );
}
