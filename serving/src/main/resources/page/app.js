// Playloop's hosted page: recommend for a user id, then post real feedback for the liked one.
"use strict";

const form = document.getElementById("who");
const input = document.getElementById("user-id");
const showButton = document.getElementById("show");
const statusLine = document.getElementById("status");
const list = document.getElementById("playlists");

let served = null; // {userId, playlists, modelVersion, requestId}

function say(text, isError) {
  statusLine.textContent = text;
  statusLine.classList.toggle("error", Boolean(isError));
}

async function api(path, options) {
  const response = await fetch(path, options);
  let body = null;
  try { body = await response.json(); } catch (e) { body = null; }
  if (!response.ok) {
    // The page never asks for a secret: a server that wants credentials has not opened its page.
    if (response.status === 401) {
      throw new Error("This server does not open its page to visitors (its operator can set auth.public-page).");
    }
    const message = body && body.error ? body.error : "request failed (" + response.status + ")";
    throw new Error(message);
  }
  return body;
}

async function show(event) {
  event.preventDefault();
  const userId = Number(input.value.trim());
  if (!Number.isInteger(userId) || userId <= 0) {
    say("Please enter a positive whole number as your user id.", true);
    input.focus();
    return;
  }
  showButton.disabled = true;
  say("Loading playlists for user " + userId + "...");
  list.replaceChildren();
  try {
    const answer = await api("/api/playlist/recommend/", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ user_ids: [userId] }),
    });
    const mine = answer[0];
    served = { userId: userId, playlists: mine.playlists,
               modelVersion: mine.model_version, requestId: mine.request_id };
    const details = mine.playlists.length === 0 ? [] :
        await api("/api/playlists?ids=" + mine.playlists.join(","));
    const byId = new Map(details.map((d) => [d.playlist_id, d]));
    render(mine.playlists, byId);
    say(mine.playlists.length + " playlists for user " + userId + ". Pick one you like.");
    const firstLike = list.querySelector("button");
    if (firstLike) { firstLike.focus(); }
  } catch (e) {
    say(e.message, true);
  } finally {
    showButton.disabled = false;
  }
}

function render(ids, byId) {
  for (const id of ids) {
    const d = byId.get(id);
    const item = document.createElement("li");
    item.dataset.playlistId = String(id);
    const what = document.createElement("span");
    what.className = "what";
    const name = document.createElement("span");
    name.className = "name";
    name.textContent = d ? d.name : "Playlist " + id;
    const owner = document.createElement("span");
    owner.className = "owner";
    owner.textContent = d && d.owner_user_id !== null ? "by user " + d.owner_user_id : "imported playlist";
    what.append(name, owner);
    const like = document.createElement("button");
    like.type = "button";
    like.className = "like";
    like.textContent = "Like";
    like.setAttribute("aria-label", "Like " + name.textContent);
    like.addEventListener("click", () => sendLike(id, name.textContent, item, like));
    item.append(what, like);
    list.append(item);
  }
}

async function sendLike(id, name, item, button) {
  if (!served) { return; }
  const others = served.playlists.filter((p) => p !== id);
  const headers = { "Content-Type": "application/json" };
  const body = { user_id: served.userId, like_playlist: id, other_playlists: others,
                 request_id: served.requestId, model_version: served.modelVersion };
  if (others.length === 0) { say("Only one playlist was shown; nothing to compare it with.", true); return; }
  button.disabled = true;
  try {
    await api("/feedback", { method: "POST", headers: headers, body: JSON.stringify(body) });
    item.classList.add("liked");
    button.textContent = "Liked";
    for (const b of list.querySelectorAll("button.like")) { b.disabled = true; }
    say("Thanks! You liked " + name + ".");
  } catch (e) {
    button.disabled = false;
    say(e.message, true);
  }
}

form.addEventListener("submit", show);
