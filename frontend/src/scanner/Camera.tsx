import { BrowserQRCodeReader, type IScannerControls } from "@zxing/browser";
import { useEffect, useRef, useState } from "react";
import { useLanguage } from "../context";

// The back camera, decoding QR codes continuously; every decoded text goes to onText (the
// scanner's state decides whether it is a new scan).
//
// The decoder sizes its capture canvas from the video when it starts, and its loop ends for good
// on an unexpected error. So it starts once the video has its real size, starts again when that
// size changes, and a watchdog starts it again when its loop has stopped trying.
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
    let controls: IScannerControls | null = null;
    let lastAttempt = 0;
    let generation = 0;
    const reader = new BrowserQRCodeReader(undefined, {
      delayBetweenScanAttempts: 100,
      delayBetweenScanSuccess: 300,
    });

    const start = () => {
      controls?.stop();
      controls = null;
      const mine = ++generation;
      if (stopped || element.videoWidth === 0) return;
      lastAttempt = Date.now();
      reader
        .decodeFromVideoElement(element, (result) => {
          lastAttempt = Date.now();
          if (result) callback.current(result.getText());
        })
        .then(
          (c) => {
            if (stopped || mine !== generation)
              c.stop(); // a later start took over
            else controls = c;
          },
          (e: Error) => setError(e.name || e.message),
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
        },
        (e: Error) => setError(e.name || e.message),
      );
    element.addEventListener("resize", start); // the first frame's size, and any change
    const watchdog = setInterval(() => {
      if (controls && Date.now() - lastAttempt > 2000) start();
    }, 1000);

    return () => {
      stopped = true;
      clearInterval(watchdog);
      element.removeEventListener("resize", start);
      controls?.stop();
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
