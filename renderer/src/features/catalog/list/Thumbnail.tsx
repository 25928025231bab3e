// A product image from the core's thumbnail cache, or a neutral placeholder.
import { useThumbnail } from '../../../stores/thumbnails.ts';
import { Icon } from '../../../ui/Icon.tsx';

interface ThumbnailProps {
  imageId: string | null;
  alt: string;
  size?: 'small' | 'large';
}

export function Thumbnail({ imageId, alt, size = 'small' }: ThumbnailProps) {
  const url = useThumbnail(imageId);
  if (!url) {
    return (
      <span className={`thumb thumb--${size} thumb--empty`} aria-hidden="true">
        <Icon name="image" size={size === 'large' ? 32 : 18} />
      </span>
    );
  }
  return <img className={`thumb thumb--${size}`} src={url} alt={alt} loading="lazy" decoding="async" />;
}
