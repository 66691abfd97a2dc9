package in.pravesh.ticket.domain;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** QR code PNGs of ticket tokens (ZXing), error correction M: sparse enough for old phones. */
public final class QrCodes {

  private static final int SIZE = 480;

  private QrCodes() {}

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
