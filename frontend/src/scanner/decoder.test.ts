import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { prepareZXingModule } from "zxing-wasm/reader";
import { decodeFrame as read } from "./decode";

// The scanner's decoder (decode.ts, as the camera calls it) reads every ticket, also from a
// camera's frame. The fixtures are QR codes made by the server's encoder (QrCodes: error
// correction M, ticket-like text of 210 characters) that zxing-js, the decoder before, could not
// read from a still, clean frame (the browser test's fake camera then waited for good); frames
// are drawn as that camera shows them.
type Ticket = { text: string; modules: string[] };
const TICKETS: Ticket[] = JSON.parse(
  readFileSync(join(import.meta.dirname, "fixtures", "tickets.json"), "utf8"),
);
const [WIDTH, HEIGHT] = [640, 480];

/** A grey frame of the code: `scale` pixels a module, turned by `angle`, with noise of ±`noise`. */
function frame(ticket: Ticket, scale: number, angle = 0, noise = 0) {
  const size = ticket.modules.length;
  const dark = (x: number, y: number) =>
    x >= 0 && y >= 0 && x < size && y < size && ticket.modules[y][x] === "#";
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  const data = new Uint8ClampedArray(WIDTH * HEIGHT * 4);
  const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
  for (let row = 0; row < HEIGHT; row++) {
    for (let column = 0; column < WIDTH; column++) {
      const [dx, dy] = [(column - WIDTH / 2) / scale, (row - HEIGHT / 2) / scale];
      const x = Math.floor(cos * dx - sin * dy + size / 2);
      const y = Math.floor(sin * dx + cos * dy + size / 2);
      const value = (dark(x, y) ? 40 : 215) + random() * noise;
      data.set([value, value, value, 255], 4 * (row * WIDTH + column));
    }
  }
  return { data, width: WIDTH, height: HEIGHT, colorSpace: "srgb" } as ImageData;
}

describe("the scanner's QR decoder", () => {
  beforeAll(() => {
    const wasm = createRequire(import.meta.url).resolve("zxing-wasm/reader/zxing_reader.wasm");
    prepareZXingModule({ overrides: { wasmBinary: new Uint8Array(readFileSync(wasm)).buffer } });
  });

  it("reads each ticket from a clean frame, 7 pixels a module as the browser test shows it", async () => {
    for (const ticket of TICKETS) expect(await read(frame(ticket, 7))).toBe(ticket.text);
  });

  it("reads each ticket from a smaller, turned, noisy frame, as a phone's camera gives", async () => {
    for (const ticket of TICKETS) {
      expect(await read(frame(ticket, 4.4, 0.1, 30))).toBe(ticket.text);
      expect(await read(frame(ticket, 5.3, -0.25, 40))).toBe(ticket.text);
    }
  });
});
