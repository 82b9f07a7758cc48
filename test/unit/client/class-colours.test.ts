/**
 * The classification colours have one home, render/theme.ts CLASS_COLOR: the canvas and the front
 * chart read it directly, the page's CSS (badges, filter chips) through the custom properties
 * main.ts sets from classColorProperties. These tests fail when app.css grows its own copy again.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { CLASS_LABEL } from '../../../client/src/model/filters.ts';
import type { ClassLevel } from '../../../client/src/model/filters.ts';
import { CLASS_COLOR, classColorProperties } from '../../../client/src/render/theme.ts';

const css = readFileSync(new URL('../../../client/styles/app.css', import.meta.url), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
const rules = [...css.matchAll(/([^{}]+)\{([^{}]*)\}/g)].map((m) => ({ selector: m[1]!.trim(), body: m[2]! }));
const levels = Object.keys(CLASS_LABEL) as ClassLevel[];

describe('classification colours', () => {
  it('are set as custom properties from CLASS_COLOR, a level and its tint', () => {
    const props = classColorProperties();
    for (const level of levels) {
      assert.equal(props[`--class-${level}`], CLASS_COLOR[level].plain);
      assert.equal(props[`--class-${level}-tint`], CLASS_COLOR[level].tint);
    }
  });

  it('app.css styles badges and chips only through those properties', () => {
    const classRules = rules.filter((r) => /\.badge|\.fb-dot|\.cls-/.test(r.selector));
    assert.ok(classRules.length >= levels.length + 2, 'the badge, the chip dot and one rule per level');
    for (const r of classRules) assert.doesNotMatch(r.body, /#[0-9a-f]{3,8}\b|rgb|hsl|var\(--danger\)/i, `${r.selector} writes a colour of its own`);
    const defined = new Set(Object.keys(classColorProperties()));
    const used = [...css.matchAll(/var\((--class-[a-z-]+)\)/g)].map((m) => m[1]!).filter((p) => p !== '--class-color' && p !== '--class-tint');
    for (const level of levels) assert.ok(rules.some((r) => r.selector === `.cls-${level}`), `a rule for .cls-${level}`);
    for (const p of used) assert.ok(defined.has(p), `app.css uses ${p}, which classColorProperties does not set`);
  });
});
