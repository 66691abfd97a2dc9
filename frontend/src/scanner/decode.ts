import { readBarcodes, type ReaderOptions } from "zxing-wasm/reader";

// The QR decoder is zxing-cpp compiled to WebAssembly (zxing-wasm). It replaced zxing-js, which
// could not read about one ticket in seven from a clean, still picture (the same frame failed for
// good), nor any frame with a camera's noise (decoder.test.ts). The page prepares the module
// (where its .wasm comes from: Camera.tsx); tests give it the file.
export const READER: ReaderOptions = {
  formats: ["QRCode"],
  tryHarder: true,
  tryInvert: false, // tickets are dark on light; inverted tries doubled the time a frame
  maxNumberOfSymbols: 1,
};

/** The text of the QR code in a frame, if one is read. */
export async function decodeFrame(frame: ImageData): Promise<string | undefined> {
  const [result] = await readBarcodes(frame, READER);
  return result?.isValid && result.text ? result.text : undefined;
}
