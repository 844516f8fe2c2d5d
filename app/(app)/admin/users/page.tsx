import type { Metadata } from "next";
import {
  CreateUserForm,
  ResetPasswordForm,
  RoleForm,
  StatusForm,
} from "@/components/auth/user-admin-forms";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { listUsers } from "@/lib/auth/users";
import { getEnv, oidcConfig } from "@/lib/env";
import { utcMinute } from "@/lib/domain/time";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const me = await requireUser("admin");
  const users = await listUsers();
  const provider = oidcConfig(getEnv())?.displayName ?? "the identity provider";
  return (
    <>
      <PageHeader
        title="Users"
        description={`Who may sign in to ops-hub, and as what. Users of ${provider} appear after their first sign-in; their role follows their groups there at each sign-in. A disabled user's open sessions end at their next click.`}
      />
      <section
        aria-labelledby="new-user"
        className="mb-8 rounded-xl border border-slate-200 bg-white p-5"
      >
        <h2 id="new-user" className="mb-4 text-lg font-semibold">
          New local account
        </h2>
        <CreateUserForm />
      </section>
      <section aria-labelledby="users">
        <h2 id="users" className="mb-3 text-lg font-semibold">
          Users
        </h2>
        <DataTable
          caption="Sign-in users, by name"
          columns={["User", "Signs in with", "Role", "Status", "Password"]}
        >
          {users.map((user) => {
            const self = user.id === me.id;
            return (
              <tr key={user.id} className="align-top">
                <th scope="row" className="px-4 py-3 font-medium">
                  {user.username}
                  {self ? <span className="font-normal text-slate-500"> (you)</span> : null}
                </th>
                <td className="px-4 py-3 text-slate-700">
                  {user.oidcIssuer ? (
                    <>
                      {provider}
                      <span className="block text-xs text-slate-500">
                        {user.lastSignInAt ? `last sign-in ${utcMinute(user.lastSignInAt)}` : null}
                      </span>
                    </>
                  ) : (
                    "ops-hub password"
                  )}
                </td>
                <td className="px-4 py-3">
                  {self || user.oidcIssuer ? (
                    <span>
                      {user.role}
                      <span className="block text-xs text-slate-500">
                        {self ? "you cannot demote yourself" : "from groups"}
                      </span>
                    </span>
                  ) : (
                    <RoleForm userId={user.id} username={user.username} role={user.role} />
                  )}
                </td>
                <td className="px-4 py-3">
                  <div className="flex flex-wrap items-center gap-2">
                    {user.disabled ? (
                      <Badge tone="bad">disabled</Badge>
                    ) : (
                      <Badge tone="good">active</Badge>
                    )}
                    {self ? null : (
                      <StatusForm
                        userId={user.id}
                        username={user.username}
                        disabled={user.disabled}
                      />
                    )}
                  </div>
                </td>
                <td className="px-4 py-3">
                  {user.oidcIssuer ? (
                    <span className="text-slate-500">at {provider}</span>
                  ) : (
                    <ResetPasswordForm userId={user.id} username={user.username} />
                  )}
                </td>
              </tr>
            );
          })}
        </DataTable>
      </section>
    </>
  );
}
