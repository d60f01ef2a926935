// Avatar preparation in the browser: the server keeps no image library (no `sharp`,
// engineering.md "Installs work offline"), so pictures are shrunk and re-encoded here
// before upload. Re-encoding through a canvas also drops EXIF data such as GPS position.

export const ACCEPTED_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'];
const MAX_SIDE = 256;
const MAX_BYTES = 512 * 1024;

export class ImageProblem extends Error {
  constructor(code) {
    super(code);
    this.code = code; // "unreadable" | "tooBig"
  }
}

function toBlob(canvas, type, quality) {
  return new Promise((resolve) => canvas.toBlob(resolve, type, quality));
}

/** Returns a WebP (or PNG where WebP encoding is missing) of at most 256×256 and 512 KB. */
export async function shrinkImage(file) {
  let bitmap;
  try {
    // from-image: phone photos carry their rotation in EXIF; honour it before it is lost.
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    throw new ImageProblem('unreadable');
  }
  // Fit inside 256×256 keeping the proportions; never enlarge a small picture.
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close?.();

  for (const quality of [0.9, 0.75, 0.6, 0.45]) {
    const webp = await toBlob(canvas, 'image/webp', quality);
    // Browsers without a WebP encoder silently hand back a PNG instead.
    if (!webp || webp.type !== 'image/webp') break;
    if (webp.size <= MAX_BYTES) return webp;
  }
  const png = await toBlob(canvas, 'image/png');
  if (png && png.size <= MAX_BYTES) return png;
  throw new ImageProblem('tooBig');
}
