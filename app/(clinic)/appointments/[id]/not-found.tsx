import Link from 'next/link';

export default function AppointmentNotFound() {
  return (
    <section className="mx-auto max-w-md py-16 text-center">
      <p className="text-sm font-medium text-slate-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold">Appointment not found</h1>
      <p className="mt-2 text-slate-600">
        It does not exist in this clinic. If you followed a link, check that the right clinic is
        selected in the header.
      </p>
      <Link
        href="/appointments"
        className="mt-6 inline-block font-medium text-brand-700 hover:underline"
      >
        Back to appointments
      </Link>
    </section>
  );
}
