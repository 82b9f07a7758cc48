/** Text widths as the browser draws them: label packing and exports measure, not guess. */
import { approxTextWidth } from './svg.ts';
import { FONT_FAMILY, LABEL_FONT_SIZE } from './theme.ts';

let measureCtx: CanvasRenderingContext2D | null = null;

/** Width in px of `text` in the label font (`weight` and `size` as the CSS gives them). */
export function measureLabel(text: string, weight = 500, size = LABEL_FONT_SIZE): number {
  measureCtx ??= document.createElement('canvas').getContext('2d');
  if (!measureCtx) return (approxTextWidth(text) * size) / LABEL_FONT_SIZE;
  measureCtx.font = `${weight} ${size}px ${FONT_FAMILY}`;
  return measureCtx.measureText(text).width;
}
