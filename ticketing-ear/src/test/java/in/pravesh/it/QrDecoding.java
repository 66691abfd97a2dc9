package in.pravesh.it;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** Reads QR images as a scanner app would (see RegistrationIT.decodeQr). */
final class QrDecoding {

  private static final DecodeHintType QR = DecodeHintType.POSSIBLE_FORMATS;
  private static final List<BarcodeFormat> QR_ONLY = List.of(BarcodeFormat.QR_CODE);

  private QrDecoding() {}

  static String decode(byte[] png) throws Exception {
    var image = ImageIO.read(new ByteArrayInputStream(png));
    var gray =
        new java.awt.image.BufferedImage(
            image.getWidth(), image.getHeight(), java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
    gray.getGraphics().drawImage(image, 0, 0, null);
    List<Map.Entry<java.awt.image.BufferedImage, Map<DecodeHintType, Object>>> tries =
        List.of(
            Map.entry(image, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE, QR, QR_ONLY)),
            Map.entry(image, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE, QR, QR_ONLY)),
            Map.entry(gray, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE, QR, QR_ONLY)));
    com.google.zxing.ReaderException last = null;
    for (var attempt : tries) {
      try {
        return new MultiFormatReader()
            .decode(
                new BinaryBitmap(
                    new HybridBinarizer(new BufferedImageLuminanceSource(attempt.getKey()))),
                attempt.getValue())
            .getText();
      } catch (com.google.zxing.ReaderException e) {
        last = e;
      }
    }
    throw last;
  }
}
