/**
 * Tenancy in the dashboard: an admin creates a client with a site, adds and renames sites, and
 * creates a user who sees only that client; that user's dashboard shows that client alone and no
 * page about every client.
 */
import { expect, test } from "@playwright/test";
import { signIn, signInWithForm } from "../support/sign-in";

test("an admin sets up a client and a user limited to it, who sees only that client", async ({ page }) => {
  const suffix = Date.now().toString(36);
  const client = `Acme ${suffix}`;
  const user = { username: `tech${suffix}`, password: "tech-password-1" };

  await signIn(page);
  await page.getByRole("link", { name: "Clients" }).click();
  await expect(page).toHaveURL(/\/settings\/clients$/);
  await expect(page.getByRole("region", { name: "Client Default" })).toBeVisible();

  const create = page.getByRole("form", { name: "Create client" });
  await create.getByLabel("Client name").fill(client);
  await create.getByLabel("First site").fill("Head Office");
  await create.getByRole("button", { name: "Create client" }).click();
  const section = page.getByRole("region", { name: `Client ${client}` });
  await expect(section.getByRole("cell", { name: "Head Office", exact: true })).toBeVisible();

  await section.getByLabel(`New site of ${client}`).fill("Branch");
  await section.getByRole("button", { name: "Add site" }).click();
  await expect(section.getByRole("cell", { name: "Branch", exact: true })).toBeVisible();

  await section.getByRole("button", { name: `Rename site Branch of ${client}` }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("New name").fill("Warehouse");
  await dialog.getByRole("button", { name: "Rename" }).click();
  await expect(section.getByRole("cell", { name: "Warehouse", exact: true })).toBeVisible();

  // A duplicate name, in another case, is refused next to the field.
  await create.getByLabel("Client name").fill(client.toUpperCase());
  await create.getByRole("button", { name: "Create client" }).click();
  await expect(create.getByText(/already taken|already exists/)).toBeVisible();

  await page.goto("/settings/users");
  const form = page.getByRole("form", { name: "Create user" });
  await form.getByLabel("Username").fill(user.username);
  await form.getByLabel("Password").fill(user.password);
  await form.getByLabel("Role").selectOption("admin");
  await form.getByLabel("Only these:").check();
  await form.getByLabel(`Client ${client}`).check();
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByRole("row", { name: new RegExp(user.username) })).toContainText(client);

  await page.getByRole("button", { name: "Sign out" }).click();
  await signInWithForm(page, user.username, user.password);
  // An admin of one client administers no users and reads no audit log: both concern every client.
  await expect(page.getByRole("link", { name: "Users" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Audit log" })).toHaveCount(0);
  await page.goto("/settings/users");
  await expect(page.getByText(/for every client/i)).toBeVisible();

  await page.goto("/settings/clients");
  await expect(page.getByRole("region", { name: `Client ${client}` })).toBeVisible();
  await expect(page.getByRole("region", { name: "Client Default" })).toHaveCount(0);
  await expect(page.getByRole("form", { name: "Create client" })).toHaveCount(0);
  expect((await page.request.get("/users")).status()).toBe(403);
});
