import { captureConsole } from "@workshop/test-kit";
import { describe, expect, it } from "vitest";
import { numberedPrinter, printer } from "./line-numbers.ts";

describe("printer() (the lesson's worked example)", () => {
  it("prints whatever it is sent, once primed", () => {
    const printed = captureConsole();
    const p = printer();
    p.next();
    p.next("Mercury");
    p.next("Venus");
    p.next("Earth");
    expect(printed).toEqual(["Mercury", "Venus", "Earth"]);
  });
});

describe("numberedPrinter()", () => {
  it("prints nothing when primed: the first next() only runs it up to its first yield", () => {
    const printed = captureConsole();
    const p = numberedPrinter();
    p.next();
    expect(printed, "priming with next() should print nothing: no line has been sent yet").toEqual([]);
  });

  it("prints `001 Mercury` for the first line sent", () => {
    const printed = captureConsole();
    const p = numberedPrinter();
    p.next();
    p.next("Mercury");
    expect(printed).toEqual(["001 Mercury"]);
  });

  it("numbers the following lines 002, 003, ...", () => {
    const printed = captureConsole();
    const p = numberedPrinter();
    p.next();
    p.next("Mercury");
    p.next("Venus");
    p.next("Earth");
    expect(printed).toEqual(["001 Mercury", "002 Venus", "003 Earth"]);
  });

  it("pads the number to at least three digits, like Python's {lineno:03}", () => {
    const printed = captureConsole();
    const p = numberedPrinter();
    p.next();
    for (let i = 1; i <= 1000; i++) p.next(`line ${i}`);
    expect(printed).toHaveLength(1000);
    expect(printed[9]).toBe("010 line 10");
    expect(printed[99]).toBe("100 line 100");
    expect(printed[999], "a number wider than three digits is printed in full").toBe("1000 line 1000");
  });

  it("drops a value sent before priming: the first next() has no yield to receive it", () => {
    const printed = captureConsole();
    const p = numberedPrinter();
    p.next("Mercury");
    expect(printed, "the value given to the very first next() is lost, so nothing is printed").toEqual([]);
    p.next("Venus");
    expect(printed, "the first line that arrives is still line 001").toEqual(["001 Venus"]);
  });

  it("keeps one line count per printer: two printers number independently", () => {
    const printed = captureConsole();
    const planets = numberedPrinter();
    const moons = numberedPrinter();
    planets.next();
    moons.next();
    planets.next("Mercury");
    planets.next("Venus");
    moons.next("Moon");
    planets.next("Earth");
    moons.next("Phobos");
    expect(printed).toEqual(["001 Mercury", "002 Venus", "001 Moon", "003 Earth", "002 Phobos"]);
  });

  it("never finishes: it keeps taking lines", () => {
    captureConsole();
    const p = numberedPrinter();
    p.next();
    expect(p.next("Mercury")).toEqual({ value: undefined, done: false });
  });
});
