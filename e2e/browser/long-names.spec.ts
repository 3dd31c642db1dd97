/**
 * Names longer than allowed are refused with a message on their field, never cut to fit: a person
 * who pastes a 70-character name must not end up with a group or user called by its first 64.
 */
import { expect, test, type APIRequestContext } from "@playwright/test";
import { adminApi, signIn } from "../support/sign-in";

let api: APIRequestContext;
test.beforeAll(async () => {
  api = await adminApi();
});
test.afterAll(() => api.dispose());

const longName = (prefix: string) => `${prefix}${Date.now().toString(36)}`.padEnd(70, "x");

test("a group name over 64 characters is refused on its field, and no group is created", async ({ page }) => {
  const name = longName("Long group ");
  await signIn(page);
  await page.goto("/settings/groups");
  const field = page.getByLabel("Group name");
  await field.fill(name);
  await expect(field).toHaveValue(name);
  await page.getByRole("button", { name: "Create group" }).click();
  await expect(page.getByText("must be at most 64 characters").first()).toBeVisible();
  const groups = ((await (await api.get("/groups")).json()) as { groups: string[] }).groups;
  expect(groups.filter((group) => group.startsWith(name.slice(0, 20)))).toEqual([]);
  // The API says the same, naming the field.
  const refused = await api.post("/groups", { data: { name } });
  expect(refused.status()).toBe(400);
  expect(JSON.stringify(await refused.json())).toMatch(/name.*must be at most 64 characters/);
});

test("a username over 64 characters is refused on its field, and no user is created", async ({ page }) => {
  const username = longName("long.user.");
  await signIn(page);
  await page.goto("/settings/users");
  const form = page.getByRole("form", { name: "Create user" });
  await form.getByLabel("Username").fill(username);
  await expect(form.getByLabel("Username")).toHaveValue(username);
  await form.getByLabel("Password").fill("long-name-password-1");
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(form.getByText("must be at most 64 characters").first()).toBeVisible();
  const { users } = (await (await api.get("/users")).json()) as { users: { username: string }[] };
  expect(users.filter((user) => user.username.startsWith(username.slice(0, 20)))).toEqual([]);
});
