import { describe, expect, it } from 'vitest';
import { actionFor, isEditing, JumpBuffer } from './keys.ts';
import { clamp, formatHash, last, next, parseHash, previous } from './position.ts';

const steps = [0, 2, 0, 1];

describe('slide position', () => {
  it('parses and formats the #n.step hash', () => {
    expect(parseHash('#3.2')).toEqual({ slide: 3, step: 2 });
    expect(parseHash('#3')).toEqual({ slide: 3, step: 0 });
    expect(parseHash('')).toBeUndefined();
    expect(parseHash('#objetivos')).toBeUndefined();
    expect(formatHash({ slide: 4, step: 1 })).toBe('#4.1');
  });

  it('clamps positions to the deck', () => {
    expect(clamp({ slide: 0, step: 5 }, steps)).toEqual({ slide: 1, step: 0 });
    expect(clamp({ slide: 2, step: 9 }, steps)).toEqual({ slide: 2, step: 2 });
    expect(clamp({ slide: 99, step: 0 }, steps)).toEqual({ slide: 4, step: 0 });
    expect(clamp({ slide: Number.NaN, step: Number.NaN }, steps)).toEqual({ slide: 1, step: 0 });
  });

  it('walks forward through every step and stops at the end', () => {
    const seen = [];
    let position = { slide: 1, step: 0 };
    for (let i = 0; i < 7; i++) {
      seen.push(formatHash(position));
      position = next(position, steps);
    }
    expect(seen).toEqual(['#1.0', '#2.0', '#2.1', '#2.2', '#3.0', '#4.0', '#4.1']);
    expect(next({ slide: 4, step: 1 }, steps)).toEqual({ slide: 4, step: 1 });
  });

  it('walks back showing the previous slide with all its steps', () => {
    expect(previous({ slide: 3, step: 0 }, steps)).toEqual({ slide: 2, step: 2 });
    expect(previous({ slide: 2, step: 1 }, steps)).toEqual({ slide: 2, step: 0 });
    expect(previous({ slide: 1, step: 0 }, steps)).toEqual({ slide: 1, step: 0 });
    expect(last(steps)).toEqual({ slide: 4, step: 0 });
  });
});

describe('keys', () => {
  it('maps the deck keys', () => {
    expect(actionFor({ key: 'ArrowRight' })).toEqual({ type: 'next' });
    expect(actionFor({ key: ' ' })).toEqual({ type: 'next' });
    expect(actionFor({ key: ' ', shiftKey: true })).toEqual({ type: 'previous' });
    expect(actionFor({ key: 'PageUp' })).toEqual({ type: 'previous' });
    expect(actionFor({ key: 'End' })).toEqual({ type: 'last' });
    expect(actionFor({ key: '7' })).toEqual({ type: 'digit', digit: '7' });
    expect(actionFor({ key: 'o' })).toEqual({ type: 'overview' });
    expect(actionFor({ key: '?' })).toEqual({ type: 'help' });
    expect(actionFor({ key: 'r', ctrlKey: true })).toBeUndefined();
    expect(actionFor({ key: 'f', metaKey: true })).toBeUndefined();
    expect(actionFor({ key: 'x' })).toBeUndefined();
  });

  it('buffers digits until Enter', () => {
    const buffer = new JumpBuffer();
    buffer.push('1');
    expect(buffer.push('2')).toBe('12');
    expect(buffer.take()).toBe(12);
    expect(buffer.take()).toBeUndefined();
  });

  it('treats editors and form fields as editing targets', () => {
    const fake = (matches: boolean) => ({ closest: () => (matches ? {} : null) }) as unknown as Element;
    expect(isEditing(fake(true))).toBe(true);
    expect(isEditing(fake(false))).toBe(false);
    expect(isEditing(null)).toBe(false);
  });
});
