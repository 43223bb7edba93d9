/*
 * The ward office's fee page: lists the procedures and their fees, and asks
 * `vietqr serve` (the same origin) for the payment code of a fee, with the
 * dossier reference in the transfer content, through VietQR.io's Quick Link:
 *   /image/{BANK}-{ACCOUNT}-{TEMPLATE}.png?amount=&addInfo=&accountName=
 * The service checks everything again, and its allowlist only makes codes
 * for the ward's own account. Adding ?tt=CT01&sl=3&hs=HS2026-001234 to the
 * page's address fills the form in and shows the code at once.
 */
"use strict";

const money = new Intl.NumberFormat("vi-VN");
let ward = null;
let procedures = [];
let template = "qr_only";
let chosen = null;

function $(id) {
  return document.getElementById(id);
}

function fee(amount) {
  return money.format(amount) + " đ";
}

async function getJSON(url) {
  const r = await fetch(url);
  if (!r.ok)
    throw new Error(url + ": " + r.status);
  return r.json();
}

function choose(code) {
  chosen = procedures.find((p) => p.code === code) || null;
  $("pay").hidden = !chosen;
  if (!chosen)
    return;
  $("chosen").textContent = chosen.code + " – " + chosen.name + " (" + fee(chosen.fee) + "/" +
                            chosen.unit + ")";
  $("unit").textContent = chosen.unit;
  update();
}

/* The fee for n units: `fee` each; for a copy by the page, `from_third`
 * each from the third page on, and at most `cap` in all. */
function total() {
  const n = Math.max(1, Math.min(500, parseInt($("quantity").value, 10) || 1));
  let sum = 0;
  for (let i = 1; i <= n; i++)
    sum += i >= 3 && chosen.from_third ? chosen.from_third : chosen.fee;
  return chosen.cap ? Math.min(sum, chosen.cap) : sum;
}

function update() {
  if (chosen)
    $("total").textContent = fee(total());
}

/* The transfer content: the dossier reference and the procedure code, at
 * most 25 letters, digits, spaces and hyphens, as bank apps carry it. */
function content() {
  return $("dossier").value.trim().toUpperCase() + " " + chosen.code;
}

function showError(message) {
  $("error").textContent = message;
  $("error").hidden = false;
  $("card").hidden = true;
}

async function showCard() {
  $("error").hidden = true;
  const params = new URLSearchParams({
    amount: String(total()),
    addInfo: content(),
    accountName: ward.accountName,
  });
  const url = "/image/" + encodeURIComponent(ward.bank) + "-" + encodeURIComponent(ward.account) +
              "-" + template + ".png?" + params.toString();
  const img = $("qr");
  img.onerror = async () => {
    /* Every refusal of the service is JSON with a Vietnamese message. */
    try {
      const r = await fetch(url);
      const body = await r.json();
      showError("Không tạo được mã: " + body.error.message_vi + " (" + body.error.name + ")");
    } catch (e) {
      showError("Không tạo được mã: " + e);
    }
  };
  img.onload = () => {
    $("card").hidden = false;
  };
  img.src = url;
  $("content").textContent = content();
  $("payee").textContent = ward.accountName;
  $("download").href = url;
  $("download").setAttribute("download", content().replace(/ /g, "-") + ".png");
}

async function main() {
  try {
    const [w, list] = await Promise.all([getJSON("ward.json"), getJSON("procedures.json")]);
    ward = w;
    procedures = list.procedures;
    $("note").textContent = list.note;
    const health = await getJSON("/healthz");
    if (health.templates.includes("compact2"))
      template = "compact2";
  } catch (e) {
    showError("Không tải được dữ liệu: " + e);
    $("pay").hidden = false;
    return;
  }
  $("ward").textContent = ward.name;
  $("address").textContent = ward.address;
  const tbody = $("procedures").tBodies[0];
  for (const p of procedures) {
    const tr = tbody.insertRow();
    for (const [text, cls] of [[p.code], [p.field], [p.name], [fee(p.fee), "num"], [p.unit]]) {
      const td = tr.insertCell();
      td.textContent = text;
      if (cls)
        td.className = cls;
    }
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = "Nộp phí";
    button.addEventListener("click", () => choose(p.code));
    tr.insertCell().appendChild(button);
  }
  $("quantity").addEventListener("input", update);
  $("form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    if ($("form").reportValidity())
      showCard();
  });
  const q = new URLSearchParams(location.search);
  if (q.get("tt")) {
    choose(q.get("tt"));
    if (chosen && q.get("sl"))
      $("quantity").value = q.get("sl");
    if (chosen && q.get("hs")) {
      $("dossier").value = q.get("hs");
      update();
      showCard();
    }
  }
}

main();
