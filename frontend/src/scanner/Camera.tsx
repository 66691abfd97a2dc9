import { BrowserQRCodeReader, type IScannerControls } from "@zxing/browser";
import { useEffect, useRef, useState } from "react";
import { useLanguage } from "../context";

// The back camera, decoding QR codes continuously; every decoded text goes to onText (the
// scanner's state decides whether it is a new scan).
export function Camera({ onText }: { onText: (text: string) => void }) {
  const { t } = useLanguage();
  const video = useRef<HTMLVideoElement>(null);
  const callback = useRef(onText);
  callback.current = onText;
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let controls: IScannerControls | null = null;
    let stopped = false;
    const reader = new BrowserQRCodeReader(undefined, {
      delayBetweenScanAttempts: 100,
      delayBetweenScanSuccess: 300,
    });
    if (!navigator.mediaDevices?.getUserMedia) {
      setError(window.isSecureContext ? "no camera" : "not a secure origin");
      return;
    }
    reader
      .decodeFromConstraints(
        { video: { facingMode: "environment" }, audio: false },
        video.current!,
        (result) => {
          if (result) callback.current(result.getText());
        },
      )
      .then(
        (c) => {
          if (stopped) c.stop();
          else controls = c;
        },
        (e: Error) => setError(e.name || e.message),
      );
    return () => {
      stopped = true;
      controls?.stop();
    };
  }, []);

  return (
    <div className="relative mt-3">
      <video
        ref={video}
        muted
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
