import { describe, expect, it } from 'vitest';
import { elapsedMs, formatClock, loadTimer, pause, remainingMs, resume, saveTimer, startTimer } from './timer.ts';

describe('presenter timer', () => {
  it('counts elapsed time, excluding pauses', () => {
    let timer = startTimer(1_000);
    expect(elapsedMs(timer, 61_000)).toBe(60_000);
    timer = pause(timer, 61_000);
    expect(elapsedMs(timer, 500_000)).toBe(60_000);
    timer = resume(timer, 121_000);
    expect(elapsedMs(timer, 181_000)).toBe(120_000);
  });

  it('computes what remains of the planned minutes, negative when over', () => {
    const timer = startTimer(0);
    expect(remainingMs(timer, 10 * 60_000, 45)).toBe(35 * 60_000);
    expect(remainingMs(timer, 50 * 60_000, 45)).toBe(-5 * 60_000);
  });

  it('formats clocks', () => {
    expect(formatClock(0)).toBe('00:00');
    expect(formatClock(75_000)).toBe('01:15');
    expect(formatClock(3_725_000)).toBe('1:02:05');
    expect(formatClock(-65_000)).toBe('01:05');
  });

  it('survives a round trip through storage and rejects garbage', () => {
    const timer = pause(startTimer(5), 10);
    expect(loadTimer(saveTimer(timer))).toEqual(timer);
    expect(loadTimer(null)).toBeUndefined();
    expect(loadTimer('{"startedAt":"x"}')).toBeUndefined();
    expect(loadTimer('not json')).toBeUndefined();
  });
});
