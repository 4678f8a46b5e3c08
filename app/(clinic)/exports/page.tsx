import type { Metadata } from 'next';
import { clinicPage } from '@/lib/auth/page-guard';

export const metadata: Metadata = { title: 'Exports' };

export default async function ExportsPage() {
  const ctx = await clinicPage('exports.read');
  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight">Exports</h1>
      <p className="mt-1 text-slate-600">Exports and reports of {ctx.clinicName}.</p>
      <p className="mt-6 rounded-lg border border-dashed border-slate-300 px-4 py-8 text-center text-sm text-slate-500">
        No exports yet.
      </p>
    </div>
  );
}
