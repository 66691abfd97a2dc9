package in.pravesh.platform;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.ReaderException;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * QR code PNGs of ticket tokens (ZXing), error correction M: sparse enough for old phones; and
 * reading a QR code back from an image (what the gates' photo scans need).
 */
public final class QrCodes {

  private static final int SIZE = 480;

  // Without a format restriction the 1D readers now and then "find" a barcode inside a QR code.
  private static final List<BarcodeFormat> QR_ONLY = List.of(BarcodeFormat.QR_CODE);

  private QrCodes() {}

  /**
   * The text of the QR code in an image, if one can be read. ZXing's general detector misses about
   * 3 in 100 perfectly square QR images (zbarimg reads them), so it tries again as a pure code and
   * in grayscale, as a scanner app does.
   */
  public static Optional<String> read(BufferedImage image) {
    BufferedImage gray =
        new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
    gray.getGraphics().drawImage(image, 0, 0, null);
    List<Map.Entry<BufferedImage, Map<DecodeHintType, Object>>> attempts =
        List.of(
            Map.entry(image, hints(DecodeHintType.TRY_HARDER)),
            Map.entry(image, hints(DecodeHintType.PURE_BARCODE)),
            Map.entry(gray, hints(DecodeHintType.TRY_HARDER)));
    for (var attempt : attempts) {
      try {
        return Optional.of(
            new MultiFormatReader()
                .decode(
                    new BinaryBitmap(
                        new HybridBinarizer(new BufferedImageLuminanceSource(attempt.getKey()))),
                    attempt.getValue())
                .getText());
      } catch (ReaderException e) {
        // the next attempt
      }
    }
    return Optional.empty();
  }

  private static Map<DecodeHintType, Object> hints(DecodeHintType mode) {
    return Map.of(mode, Boolean.TRUE, DecodeHintType.POSSIBLE_FORMATS, QR_ONLY);
  }

  public static byte[] png(String text) {
    try {
      BitMatrix matrix =
          new QRCodeWriter()
              .encode(
                  text,
                  BarcodeFormat.QR_CODE,
                  SIZE,
                  SIZE,
                  Map.of(
                      EncodeHintType.ERROR_CORRECTION,
                      ErrorCorrectionLevel.M,
                      EncodeHintType.MARGIN,
                      4,
                      EncodeHintType.CHARACTER_SET,
                      "ISO-8859-1"));
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      MatrixToImageWriter.writeToStream(matrix, "PNG", png);
      return png.toByteArray();
    } catch (WriterException e) {
      throw new IllegalArgumentException("cannot encode as a QR code", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
