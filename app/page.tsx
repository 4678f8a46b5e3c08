import { clinicPage } from '@/lib/auth/page-guard';
import { loadClinicHome } from '@/lib/data/home';

export default async function HomePage() {
  const ctx = await clinicPage();
  const home = await loadClinicHome(ctx);
  return (
    <div className="space-y-8">
      <section>
        <h1 className="text-2xl font-semibold tracking-tight" data-testid="clinic-name">
          {ctx.clinicName}
        </h1>
        <p className="mt-1 text-slate-600">
          <span data-testid="patient-count">{home.patientCount}</span> patients
        </p>
      </section>
      <section aria-labelledby="recent" className="rounded-lg border border-slate-200 bg-white">
        <h2 id="recent" className="border-b border-slate-200 px-4 py-3 font-medium">
          Recently added patients
        </h2>
        {home.recentPatients.length === 0 ? (
          <p className="px-4 py-6 text-sm text-slate-500">No patients yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="recent-patients">
            {home.recentPatients.map((p) => (
              <li key={p.id} className="flex justify-between px-4 py-2.5 text-sm">
                <span>{p.name}</span>
                <span className="font-mono text-slate-500">{p.mrn}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
