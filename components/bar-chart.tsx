// A server-rendered horizontal bar chart (no chart library): one row per item, collectives and individuals
// stacked. The labels are HTML, so long names wrap on a phone instead of being cut at the edge; the bars are
// SVG with percentage widths (attributes, no inline styles), so they fit any screen while the text keeps its size.
// The same figures always follow as a table; the chart is the picture of them.
export type Bar = { label: string; values: number[] };

export const SERIES_COLOURS = ['#9b1515', '#b7791f'];

export function BarChart({ bars, label, format }: { bars: Bar[]; label: string; format: Intl.NumberFormat }) {
  const max = Math.max(1, ...bars.map((b) => b.values.reduce((s, v) => s + v, 0)));
  // Bars take at most 85% of the width: the total is printed after them.
  const pct = (v: number) => (v / max) * 85;
  return (
    <div role="img" aria-label={label} className="space-y-2" data-testid="bar-chart">
      {bars.map((b, i) => {
        let x = 0;
        const total = b.values.reduce((s, v) => s + v, 0);
        return (
          <div key={b.label + i}>
            <p className="text-[13px] leading-snug text-stone-900">{b.label}</p>
            <svg aria-hidden="true" width="100%" height="18" className="block overflow-visible">
              {b.values.map((v, j) => {
                const rect = <rect key={j} x={`${x}%`} y="1" width={`${pct(v)}%`} height="16" fill={SERIES_COLOURS[j % SERIES_COLOURS.length]} />;
                x += pct(v);
                return rect;
              })}
              <text x={`${x}%`} dx="6" y="14" fontSize="13" fontWeight="600" fill="#1c1917">{format.format(total)}</text>
            </svg>
          </div>
        );
      })}
    </div>
  );
}
