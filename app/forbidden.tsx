import Link from 'next/link';

export default function Forbidden() {
  return (
    <div className="mx-auto mt-12 max-w-md text-center">
      <p className="text-sm font-semibold text-slate-500">403</p>
      <h1 className="mt-1 text-2xl font-semibold tracking-tight">Not available to your role</h1>
      <p className="mt-2 text-slate-600">
        Your role in this clinic does not include this page. Ask a clinic admin if you need it.
      </p>
      <Link href="/" className="mt-6 inline-block font-medium text-brand-700 hover:underline">
        Back to home
      </Link>
    </div>
  );
}
