import type { Metadata } from "next";
import { getServerCaller } from "@/server/http/server-caller";

export const metadata: Metadata = { title: "Devices" };

export default async function DevicesPage() {
  const clients = await (await getServerCaller()).clients.list();
  return (
    <section>
      <h1 className="mb-4 text-lg font-semibold">Devices</h1>
      {clients.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center">
          <p className="font-medium">No devices yet</p>
          <p className="mt-1 text-sm text-slate-500">Devices appear here as soon as an agent connects.</p>
        </div>
      ) : (
        <table className="w-full text-sm">
          <tbody>
            {clients.map((client) => (
              <tr key={client.agentId}>
                <td>{client.name}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
