import { useEffect, useRef, useState } from "react";
import { prepareZXingModule, purgeZXingModule } from "zxing-wasm/reader";
import wasmUrl from "zxing-wasm/reader/zxing_reader.wasm?url";
import { useLanguage } from "../context";
import { decodeFrame } from "./decode";

// The decoder's .wasm comes from this origin (the library's default is a CDN) and is kept by the
// service worker with the scanner's other files. It is fetched as the scanner opens, so that a
// scanner opened once online has it offline, camera or not.
const MODULE = {
  overrides: {
    locateFile: (path: string, prefix: string) =>
      path.endsWith(".wasm") ? wasmUrl : prefix + path,
  },
};
const warmed = prepareZXingModule({ ...MODULE, fireImmediately: true });
warmed.catch(() => undefined); // offline before it was kept: the camera's loop tries again

/** The library keeps a module that failed to load for good: forget it, to fetch it again. */
function reloadDecoder() {
  purgeZXingModule();
  prepareZXingModule(MODULE); // purging alone would fall back to the CDN
}

const PAUSE_MS = 100; // between two decodes: the phone's CPU also draws the page
const AFTER_READ_MS = 300; // after a code was read (the scanner's state decides if it is new)
const AFTER_ERROR_MS = 3000; // the decoder could not load: try again
const LONGEST_SIDE = 960; // frames are scaled down to this: enough for a ticket held up

// The back camera, decoding QR codes continuously; every decoded text goes to onText.
export function Camera({ onText }: { onText: (text: string) => void }) {
  const { t } = useLanguage();
  const video = useRef<HTMLVideoElement>(null);
  const callback = useRef(onText);
  callback.current = onText;
  const [error, setError] = useState<string | null>(null);
  const [decoderError, setDecoderError] = useState<string | null>(null);

  useEffect(() => {
    const element = video.current!;
    let stopped = false;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const canvas = document.createElement("canvas");
    const context = canvas.getContext("2d", { willReadFrequently: true })!;

    const decode = async (): Promise<number> => {
      const [width, height] = [element.videoWidth, element.videoHeight];
      if (document.hidden || element.readyState < 2 || width === 0) return PAUSE_MS;
      const scale = Math.min(1, LONGEST_SIDE / Math.max(width, height));
      const [w, h] = [Math.round(width * scale), Math.round(height * scale)];
      if (canvas.width !== w || canvas.height !== h) [canvas.width, canvas.height] = [w, h];
      context.drawImage(element, 0, 0, w, h);
      const text = await decodeFrame(context.getImageData(0, 0, w, h));
      setDecoderError(null);
      if (stopped || !text) return PAUSE_MS;
      callback.current(text);
      return AFTER_READ_MS;
    };

    const loop = () => {
      decode().then(
        (pause) => {
          if (!stopped) timer = setTimeout(loop, pause);
        },
        (e: Error) => {
          setDecoderError(e.name || e.message);
          reloadDecoder();
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
          element.play().catch(() => undefined); // autoplay alone can be held back (iOS)
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
      {(error || decoderError) && (
        <p role="alert" className="mt-2 rounded bg-amber-100 p-2 text-amber-900">
          {error
            ? t("scan.cameraOff", { detail: error })
            : t("scan.decoderOff", { detail: decoderError! })}
        </p>
      )}
    </div>
  );
}
