import { describe, expect, it } from "vitest";
import { commandFor } from "./keys";

describe("the present mode's keys", () => {
  it("steps through gates with arrows, j/k and a clicker's page keys", () => {
    for (const key of ["ArrowRight", "j", "PageDown", "ArrowDown"])
      expect(commandFor({ key }), key).toBe("next");
    for (const key of ["ArrowLeft", "k", "PageUp", "ArrowUp"])
      expect(commandFor({ key }), key).toBe("previous");
    expect(commandFor({ key: "Home" })).toBe("first");
    expect(commandFor({ key: "End" })).toBe("last");
  });

  it("opens provenance, toggles full screen, goes back, and records verdicts", () => {
    expect(commandFor({ key: "Enter" })).toBe("provenance");
    expect(commandFor({ key: "P" })).toBe("provenance");
    expect(commandFor({ key: "f" })).toBe("fullscreen");
    expect(commandFor({ key: "Escape" })).toBe("back");
    expect(commandFor({ key: "b" })).toBe("back");
    expect(["1", "2", "3"].map((key) => commandFor({ key }))).toEqual(["pass", "fail", "defer"]);
    expect(commandFor({ key: "n" })).toBe("note");
  });

  it("starts and ends a review and accepts a risk by key", () => {
    expect(commandFor({ key: "s" })).toBe("start-review");
    expect(commandFor({ key: "E" })).toBe("end-review");
    expect(commandFor({ key: "a" })).toBe("accept-risk");
  });

  it("leaves modified keys and unknown keys to the browser", () => {
    expect(commandFor({ key: "f", ctrlKey: true })).toBeUndefined();
    expect(commandFor({ key: "ArrowLeft", altKey: true })).toBeUndefined();
    expect(commandFor({ key: "r", metaKey: true })).toBeUndefined();
    expect(commandFor({ key: "x" })).toBeUndefined();
    expect(commandFor({ key: "Tab" })).toBeUndefined();
  });
});
