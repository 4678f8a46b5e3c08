'use client';
import {
  Bar,
  CartesianGrid,
  Cell,
  BarChart as RechartsBarChart,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useHydrated } from '@/components/ui/use-hydrated';
import type { BarDatum } from './bar-chart';

export const PLOT_HEIGHT = 220;

const AXIS = { fontSize: 12, fill: '#475569' }; // slate-600: readable on white (AA)
const BAR = 'var(--color-brand-600)';
const BAR_HIGHLIGHT = 'var(--color-brand-700)';
const REFERENCE = '#b45309'; // amber-700: apart from the bars, still AA on white

/**
 * The drawn part of the bar chart (Recharts, so browser-only): axes, one bar per datum, and a
 * dashed reference line at `reference`. Recharts measures the DOM and numbers its SVG ids as it
 * goes, so it is drawn after hydration; the server sends a box of the same height, and the
 * figure around it carries the text alternative either way.
 */
export function BarChartPlot({
  data,
  tickEvery,
  unit,
  reference,
  referenceLabel,
}: {
  data: BarDatum[];
  tickEvery: number;
  /** Capitalised name of the values, for the tooltip, e.g. "Appointments". */
  unit: string;
  reference: number;
  referenceLabel: string;
}) {
  const hydrated = useHydrated();
  // Every `tickEvery`-th day is labelled, counting back from the last (today).
  const ticks = data.filter((_, i) => (data.length - 1 - i) % tickEvery === 0).map((d) => d.tick);
  if (!hydrated) return <div style={{ height: PLOT_HEIGHT }} />;
  return (
    <RechartsBarChart
      data={data}
      responsive
      style={{ width: '100%', height: PLOT_HEIGHT }}
      // Room on the right for the average's label, clear of the bars, and for the last tick.
      margin={{ top: 12, right: 76, bottom: 0, left: 0 }}
      // The figure's summary and table are the accessible version; no keyboard trap in the SVG.
      accessibilityLayer={false}
    >
      <CartesianGrid vertical={false} stroke="#e2e8f0" />
      <XAxis
        dataKey="tick"
        tick={AXIS}
        tickLine={false}
        axisLine={{ stroke: '#cbd5e1' }}
        ticks={ticks}
        interval={0}
      />
      <YAxis allowDecimals={false} tick={AXIS} tickLine={false} axisLine={false} width={32} />
      <Tooltip
        cursor={{ fill: '#f1f5f9' }}
        labelFormatter={(_, payload) => payload?.[0]?.payload?.label ?? ''}
        formatter={(value) => [value, unit]}
      />
      <Bar dataKey="value" radius={[2, 2, 0, 0]} isAnimationActive={false}>
        {data.map((d, i) => (
          <Cell key={`${d.label}-${i}`} fill={d.highlight ? BAR_HIGHLIGHT : BAR} />
        ))}
      </Bar>
      <ReferenceLine
        y={reference}
        stroke={REFERENCE}
        strokeDasharray="4 3"
        strokeWidth={1.5}
        label={{
          value: referenceLabel,
          position: 'right',
          fill: REFERENCE,
          fontSize: 12,
        }}
        ifOverflow="extendDomain"
      />
    </RechartsBarChart>
  );
}
