// A server-rendered horizontal bar chart (SVG, no chart library): one row per item, collectives and
// individuals stacked. Widths are percentages, so it fits any screen while the text keeps its size.
// The same figures always follow as a table; the chart is the picture of them.
export type Bar = { label: string; values: number[] };

export const SERIES_COLOURS = ['#9b1515', '#b7791f'];

export function BarChart({ bars, label, format }: { bars: Bar[]; label: string; format: Intl.NumberFormat }) {
  const max = Math.max(1, ...bars.map((b) => b.values.reduce((s, v) => s + v, 0)));
  const row = 44;
  // Bars take at most 85% of the width: the total is printed after them.
  const pct = (v: number) => (v / max) * 85;
  return (
    <svg role="img" aria-label={label} width="100%" height={bars.length * row + 4} className="block overflow-visible">
      {bars.map((b, i) => {
        const y = i * row;
        let x = 0;
        const total = b.values.reduce((s, v) => s + v, 0);
        return (
          <g key={b.label + i}>
            <text x="0" y={y + 14} fontSize="13" fill="#1c1917">{b.label}</text>
            {b.values.map((v, j) => {
              const rect = <rect key={j} x={`${x}%`} y={y + 20} width={`${pct(v)}%`} height="16" fill={SERIES_COLOURS[j % SERIES_COLOURS.length]} />;
              x += pct(v);
              return rect;
            })}
            <text x={`${x}%`} dx="6" y={y + 33} fontSize="13" fontWeight="600" fill="#1c1917">{format.format(total)}</text>
          </g>
        );
      })}
    </svg>
  );
}
