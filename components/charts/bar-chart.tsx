/**
 * A bar chart with axes and a dashed line at the average (drawn by Recharts in the browser), plus
 * the same numbers as a table for screen readers and anyone who prefers text. The drawing is one
 * image with a summary name; the table (in a disclosure) is the full text alternative.
 */
import { BarChartPlot } from './bar-chart-plot';

export interface BarDatum {
  /** Full label, e.g. "Fri 27 Nov 2026", used in the table and tooltips. */
  label: string;
  /** Axis label, e.g. "27 Nov"; every `tickEvery`-th is drawn, counting back from the last. */
  tick: string;
  value: number;
  /** Emphasise (e.g. today). */
  highlight?: boolean;
}

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
  const total = data.reduce((sum, d) => sum + d.value, 0);
  const average = data.length === 0 ? 0 : total / data.length;
  const averageText = average.toFixed(1).replace(/\.0$/, '');
  const busiest = data.reduce<BarDatum | undefined>(
    (best, d) => (!best || d.value > best.value ? d : best),
    undefined,
  );
  const Unit = unit.charAt(0).toUpperCase() + unit.slice(1);
  const summary =
    total === 0
      ? `${title}: none in this period.`
      : `${title}: ${total} ${unit} in ${data.length} days, ${averageText} a day on average; busiest ${busiest?.label} with ${busiest?.value}.`;

  return (
    <figure className="space-y-3">
      <div role="img" aria-label={summary} data-testid={`${id}-plot`}>
        <BarChartPlot
          data={data}
          tickEvery={tickEvery}
          unit={Unit}
          reference={average}
          referenceLabel={`Average ${averageText}`}
        />
      </div>
      <figcaption className="flex flex-wrap items-center justify-between gap-2 text-xs text-slate-600">
        <span>
          Dashed line: the average, {averageText} {unit} a day.
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
                    {Unit}
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
