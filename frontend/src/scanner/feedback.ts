import type { Verdict } from "./state";

// Sound and vibration with the answer, so a volunteer looking at the visitor still knows it.
let audio: AudioContext | null = null;

export function signal(verdict: Verdict) {
  try {
    navigator.vibrate?.(
      verdict === "green" ? 120 : verdict === "red" ? [300, 100, 300] : [80, 80, 80],
    );
  } catch {
    // vibration is optional
  }
  try {
    audio ??= new AudioContext();
    const tones = verdict === "green" ? [880] : verdict === "red" ? [220, 220] : [440, 330];
    tones.forEach((frequency, i) => {
      const oscillator = audio!.createOscillator();
      const gain = audio!.createGain();
      oscillator.frequency.value = frequency;
      oscillator.type = verdict === "red" ? "square" : "sine";
      gain.gain.value = 0.2;
      oscillator.connect(gain).connect(audio!.destination);
      const start = audio!.currentTime + i * 0.25;
      oscillator.start(start);
      oscillator.stop(start + 0.18);
    });
  } catch {
    // no audio on this device
  }
}
