/**
 * A small, dependency-free bar chart: an inline SVG that scales with its container, plus the same
 * numbers as a table for screen readers and anyone who prefers text. The SVG is one image with a
 * summary name; the table (in a disclosure) is the full text alternative.
 */
export interface BarDatum {
  /** Full label, e.g. "Fri 27 Nov 2026", used in the table and tooltips. */
  label: string;
  /** Axis label, e.g. "27 Nov"; every `tickEvery`-th is drawn, counting back from the last. */
  tick: string;
  value: number;
  /** Emphasise (e.g. today). */
  highlight?: boolean;
}

const HEIGHT = 120;
const AXIS = 18;
const BAR_SLOT = 12;
const BAR_GAP = 3;

export function BarChart({
  id,
  title,
  data,
  unit,
  tickEvery = 5,
}: {
  /** Unique on the page: ties the image to its title and table. */
  id: string;
  title: string;
  data: BarDatum[];
  /** Plural noun of the values, e.g. "appointments". */
  unit: string;
  tickEvery?: number;
}) {
  const peak = Math.max(0, ...data.map((d) => d.value));
  const max = Math.max(1, peak);
  const total = data.reduce((sum, d) => sum + d.value, 0);
  const busiest = data.reduce<BarDatum | undefined>(
    (best, d) => (!best || d.value > best.value ? d : best),
    undefined,
  );
  const width = data.length * BAR_SLOT;
  const plot = HEIGHT - AXIS;
  const summary =
    total === 0
      ? `${title}: none in this period.`
      : `${title}: ${total} ${unit} in ${data.length} days; busiest ${busiest?.label} with ${busiest?.value}.`;

  return (
    <figure className="space-y-3">
      <svg
        role="img"
        aria-labelledby={`${id}-summary`}
        viewBox={`0 0 ${width} ${HEIGHT}`}
        className="h-auto w-full"
      >
        <title id={`${id}-summary`}>{summary}</title>
        <line x1={0} x2={width} y1={plot} y2={plot} stroke="#cbd5e1" strokeWidth={0.5} />
        <line
          x1={0}
          x2={width}
          y1={0}
          y2={0}
          stroke="#e2e8f0"
          strokeWidth={0.5}
          strokeDasharray="2 2"
        />
        {data.map((d, i) => {
          const h = (d.value / max) * (plot - 4);
          return (
            <g key={`${d.label}-${i}`}>
              <rect
                x={i * BAR_SLOT + BAR_GAP / 2}
                y={plot - h}
                width={BAR_SLOT - BAR_GAP}
                height={Math.max(h, d.value > 0 ? 1 : 0)}
                rx={1}
                className={d.highlight ? 'fill-brand-700' : 'fill-brand-600/60'}
              >
                <title>{`${d.label}: ${d.value}`}</title>
              </rect>
              {(data.length - 1 - i) % tickEvery === 0 && (
                <text
                  // The last tick ends at the right edge instead of running past it.
                  x={i === data.length - 1 ? width : i * BAR_SLOT + BAR_SLOT / 2}
                  y={HEIGHT - 4}
                  textAnchor={i === data.length - 1 ? 'end' : 'middle'}
                  className="fill-slate-600"
                  fontSize={7}
                >
                  {d.tick}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="flex flex-wrap items-center justify-between gap-2 text-xs text-slate-600">
        <span>
          Dashed line: {peak} {unit} a day.
        </span>
        <details className="group">
          <summary className="cursor-pointer font-medium text-brand-700 hover:underline">
            Show as table
          </summary>
          <div className="mt-2 max-h-64 overflow-y-auto rounded border border-slate-200">
            <table className="min-w-full text-left text-sm">
              <caption className="sr-only">{title}</caption>
              <thead className="bg-slate-50 text-xs text-slate-600 uppercase">
                <tr>
                  <th scope="col" className="px-3 py-1.5">
                    Day
                  </th>
                  <th scope="col" className="px-3 py-1.5 text-right">
                    {unit.charAt(0).toUpperCase() + unit.slice(1)}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {data.map((d, i) => (
                  <tr key={`${d.label}-${i}`}>
                    <th scope="row" className="px-3 py-1 font-normal text-slate-700">
                      {d.label}
                    </th>
                    <td className="px-3 py-1 text-right tabular-nums">{d.value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </figcaption>
    </figure>
  );
}
