package in.pravesh.entry.api;

import in.pravesh.platform.BusinessException;
import in.pravesh.platform.ProblemType;
import in.pravesh.platform.QrCodes;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A photo of a QR code from a gate's camera: PNG or JPEG (by its bytes, not by what the client
 * says), at most {@value #MAX_SIDE} pixels a side. The size comes from the image's header before
 * anything is decoded, so a small file that would expand into a huge image costs nothing; a large
 * photo is read subsampled. At most two photos are decoded at once per node ({@link PhotoDecoder}).
 */
final class QrPhotos {

  static final int MAX_SIDE = 4_000;
  static final int DECODE_SIDE = 1_400;

  private QrPhotos() {}

  /** The QR code's text, or empty when no QR code can be read in the photo. */
  static Optional<String> read(byte[] photo) {
    if (!isPng(photo) && !isJpeg(photo)) {
      throw new BusinessException(
          ProblemType.UNSUPPORTED_MEDIA_TYPE, "The photo must be a PNG or JPEG image");
    }
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(photo))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        return Optional.empty();
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if (width > MAX_SIDE || height > MAX_SIDE) {
          throw new BusinessException(
              ProblemType.PAYLOAD_TOO_LARGE,
              "The photo is "
                  + width
                  + " × "
                  + height
                  + " pixels; at most "
                  + MAX_SIDE
                  + " × "
                  + MAX_SIDE);
        }
        // Read at most DECODE_SIDE pixels a side: a phone photo's QR code stays readable, and
        // the decode costs a few MB of heap instead of 100+ MB for 4,000 × 4,000.
        ImageReadParam param = reader.getDefaultReadParam();
        int step = (Math.max(width, height) + DECODE_SIDE - 1) / DECODE_SIDE;
        if (step > 1) {
          param.setSourceSubsampling(step, step, 0, 0);
        }
        BufferedImage image = reader.read(0, param);
        return QrCodes.read(image);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof BusinessException refused) {
        throw refused;
      }
      // A truncated or corrupt image: nothing readable in it.
      return Optional.empty();
    }
  }

  private static boolean isPng(byte[] b) {
    return b.length > 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
  }

  private static boolean isJpeg(byte[] b) {
    return b.length > 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff;
  }
}
