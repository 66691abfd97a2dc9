import { describe, expect, it } from "vitest";
import { ApiError } from "../api";
import { unreachable } from "./useOffline";

describe("when the scanner counts the server as gone", () => {
  it("takes no answer, a gateway's, or a page that is not the API's as gone", () => {
    expect(unreachable(new TypeError("Failed to fetch"))).toBe(true);
    expect(unreachable(new DOMException("aborted", "AbortError"))).toBe(true);
    const problem = { type: "urn:pravesh:problem:try-again" };
    expect(unreachable(new ApiError(503, "try-again", "later", undefined, problem))).toBe(true);
    expect(unreachable(new ApiError(502, "internal", "Bad Gateway"))).toBe(true);
    // A 404 page of a server whose application is not deployed: not the API answering.
    expect(unreachable(new ApiError(404, "internal", "Not Found"))).toBe(true);
  });

  it("takes the API's own answers as the server being there", () => {
    const problem = (type: string) => ({ type: "urn:pravesh:problem:" + type });
    expect(
      unreachable(new ApiError(401, "unauthorized", "", undefined, problem("unauthorized"))),
    ).toBe(false);
    expect(unreachable(new ApiError(400, "validation", "", undefined, problem("validation")))).toBe(
      false,
    );
    expect(unreachable(new ApiError(500, "internal", "", undefined, problem("internal")))).toBe(
      false,
    );
  });
});
