import { useEffect, useRef, useState } from "react";
import { prepareZXingModule, readBarcodes } from "zxing-wasm/reader";
import wasmUrl from "zxing-wasm/reader/zxing_reader.wasm?url";
import { useLanguage } from "../context";

// The QR decoder is zxing-cpp compiled to WebAssembly (zxing-wasm), served from this origin (its
// default is a CDN) and kept by the service worker with the scanner's other files. It replaced
// zxing-js, which could not read about one ticket in seven from a clean, still picture (a fixed
// geometry: the same frame failed for good), nor any frame with a camera's noise.
prepareZXingModule({
  overrides: {
    locateFile: (path: string, prefix: string) =>
      path.endsWith(".wasm") ? wasmUrl : prefix + path,
  },
});

const PAUSE_MS = 100; // between two decodes: the phone's CPU also draws the page
const AFTER_READ_MS = 300; // after a code was read (the scanner's state decides if it is new)
const AFTER_ERROR_MS = 2000; // the decoder could not load (offline before it was ever kept)
const LONGEST_SIDE = 960; // frames are scaled down to this: enough for a ticket held up

// The back camera, decoding QR codes continuously; every decoded text goes to onText.
export function Camera({ onText }: { onText: (text: string) => void }) {
  const { t } = useLanguage();
  const video = useRef<HTMLVideoElement>(null);
  const callback = useRef(onText);
  callback.current = onText;
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const element = video.current!;
    let stopped = false;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const canvas = document.createElement("canvas");
    const context = canvas.getContext("2d", { willReadFrequently: true })!;

    const decode = async (): Promise<number> => {
      const [width, height] = [element.videoWidth, element.videoHeight];
      if (element.readyState < 2 || width === 0) return PAUSE_MS;
      const scale = Math.min(1, LONGEST_SIDE / Math.max(width, height));
      canvas.width = Math.round(width * scale);
      canvas.height = Math.round(height * scale);
      context.drawImage(element, 0, 0, canvas.width, canvas.height);
      const frame = context.getImageData(0, 0, canvas.width, canvas.height);
      const [result] = await readBarcodes(frame, {
        formats: ["QRCode"],
        tryHarder: true,
        maxNumberOfSymbols: 1,
      });
      if (stopped || !result?.isValid || !result.text) return PAUSE_MS;
      callback.current(result.text);
      return AFTER_READ_MS;
    };

    const loop = () => {
      decode().then(
        (pause) => {
          if (!stopped) timer = setTimeout(loop, pause);
        },
        (e: Error) => {
          setError(e.name || e.message);
          if (!stopped) timer = setTimeout(loop, AFTER_ERROR_MS);
        },
      );
    };

    if (!navigator.mediaDevices?.getUserMedia) {
      setError(window.isSecureContext ? "no camera" : "not a secure origin");
      return;
    }
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(
        (s) => {
          if (stopped) {
            s.getTracks().forEach((track) => track.stop());
            return;
          }
          stream = s;
          element.srcObject = s;
          loop();
        },
        (e: Error) => setError(e.name || e.message),
      );

    return () => {
      stopped = true;
      clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
      element.srcObject = null;
    };
  }, []);

  return (
    <div className="relative mt-3">
      <video
        ref={video}
        muted
        autoPlay
        playsInline
        aria-label={t("scan.camera")}
        className="aspect-[4/3] w-full rounded bg-black object-cover"
      />
      {error && (
        <p role="alert" className="mt-2 rounded bg-amber-100 p-2 text-amber-900">
          {t("scan.cameraOff", { detail: error })}
        </p>
      )}
    </div>
  );
}
