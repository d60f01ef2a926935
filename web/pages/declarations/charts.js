// Two small SVG charts of our own (no library, no CDN): bars per month and horizontal
// bars per category. They repeat figures that are also given as tables next to them, so
// each chart is one image with a short text alternative; colours come from the theme
// (light and dark) through CSS classes, since the CSP forbids inline styles.
import { html } from '../../html.js';

const WIDTH = 360;

/**
 * Vertical bars: `points` = [{ label, short, value, text }]; `short` is written under the
 * bar, `text` above it (e.g. « 12 h »). `title` names the chart for screen readers.
 */
export function ColumnChart({ points, title, id, unit }) {
  const height = 220;
  const top = 22;
  const bottom = 28;
  const max = Math.max(1, ...points.map((p) => p.value));
  const slot = WIDTH / Math.max(1, points.length);
  const bar = Math.max(4, Math.min(40, slot * 0.68));
  const scale = (height - top - bottom) / max;
  const small = points.length > 14;
  return html`<figure class="chart">
    <svg class="chart-svg" viewBox=${`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby=${`${id}-title`} focusable="false">
      <title id=${`${id}-title`}>${title}</title>
      <line class="chart-axis" x1="0" x2=${WIDTH} y1=${height - bottom + 0.5} y2=${height - bottom + 0.5} />
      ${points.map((point, index) => {
        const h = point.value * scale;
        const x = index * slot + (slot - bar) / 2;
        const y = height - bottom - h;
        return html`<g key=${point.label}>
          ${point.value > 0 ? html`<rect class="chart-bar" x=${x} y=${y} width=${bar} height=${Math.max(1, h)} rx="3" />` : null}
          ${point.value > 0 && !small
            ? html`<text class="chart-value" x=${x + bar / 2} y=${y - 5} text-anchor="middle">${point.text}</text>`
            : null}
          ${!small || index % 3 === 0
            ? html`<text class="chart-label" x=${x + bar / 2} y=${height - bottom + 17} text-anchor="middle">${point.short}</text>`
            : null}
        </g>`;
      })}
    </svg>
    ${unit ? html`<figcaption class="hint">${unit}</figcaption>` : null}
  </figure>`;
}

/** Horizontal bars, one row per item: the name above its bar, the figure after it. */
export function BarChart({ rows, title, id }) {
  const rowHeight = 46;
  const height = Math.max(rowHeight, rows.length * rowHeight);
  const max = Math.max(1, ...rows.map((r) => r.value));
  const room = WIDTH - 70;
  return html`<figure class="chart">
    <svg class="chart-svg" viewBox=${`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby=${`${id}-title`} focusable="false">
      <title id=${`${id}-title`}>${title}</title>
      ${rows.map((row, index) => {
        const y = index * rowHeight;
        const w = Math.max(row.value > 0 ? 2 : 0, (row.value / max) * room);
        return html`<g key=${row.label}>
          <text class="chart-label" x="0" y=${y + 15}>${clip(row.label, 40)}</text>
          <rect class=${`chart-bar chart-bar-${index % 6}`} x="0" y=${y + 21} width=${w} height="16" rx="3" />
          <text class="chart-value" x=${w + 6} y=${y + 34}>${row.text}</text>
        </g>`;
      })}
    </svg>
  </figure>`;
}

// SVG text does not wrap: long names are shortened (the table gives them in full).
function clip(text, max) {
  const chars = [...String(text)];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}
