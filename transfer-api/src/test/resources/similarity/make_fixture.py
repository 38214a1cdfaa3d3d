#!/usr/bin/env python3
"""Writes fixture.json: small seeded inputs and the similarity scores of each, computed here with NumPy alone,
straight from the papers' formulas and independently of the Java code (SimilarityFixtureTest checks the Java
scores against these values).

Run from this folder: python3 make_fixture.py  (NumPy only; the output is deterministic for a given NumPy).
Every input is rounded to float32 first, since the Java FeatureMatrix stores float32, and the scores are then
computed in float64.
"""
import json

import numpy as np

rng = np.random.default_rng(20140101)


def f32(a):
    return np.asarray(a, dtype=np.float32).astype(np.float64)


def matrix(a):
    return {"rows": int(a.shape[0]), "cols": int(a.shape[1]), "values": [float(v) for v in a.reshape(-1)]}


# --- CKA (Kornblith et al. 2019) -------------------------------------------------------------------------------
def centring(n):
    return np.eye(n) - np.ones((n, n)) / n


def hsic_biased(k, l):
    h = centring(k.shape[0])
    return np.trace(k @ h @ l @ h)


def linear_cka(x, y):
    k, l = x @ x.T, y @ y.T
    return hsic_biased(k, l) / np.sqrt(hsic_biased(k, k) * hsic_biased(l, l))


def u_centre(k):
    """Kornblith et al.'s center_gram(gram, unbiased=True): U-centring (Szekely and Rizzo 2014)."""
    k = k.copy()
    n = k.shape[0]
    np.fill_diagonal(k, 0)
    means = k.sum(axis=0) / (n - 2)
    means -= means.sum() / (2 * (n - 1))
    k -= means[:, None]
    k -= means[None, :]
    np.fill_diagonal(k, 0)
    return k


def debiased_cka(x, y):
    ku, lu = u_centre(x @ x.T), u_centre(y @ y.T)
    return np.sum(ku * lu) / (np.linalg.norm(ku) * np.linalg.norm(lu))


def hsic1(k, l):
    """Song et al. (2012), Eq. (5), on uncentred Grams with zeroed diagonals."""
    n = k.shape[0]
    kt, lt = k.copy(), l.copy()
    np.fill_diagonal(kt, 0)
    np.fill_diagonal(lt, 0)
    one = np.ones(n)
    return (np.trace(kt @ lt) + (one @ kt @ one) * (one @ lt @ one) / ((n - 1) * (n - 2))
            - 2.0 / (n - 2) * (one @ kt @ lt @ one)) / (n * (n - 3))


def minibatch_cka(a_layers, b_layers, batch):
    n = a_layers[0].shape[0]
    out = np.zeros((len(a_layers), len(b_layers)))
    for i, a in enumerate(a_layers):
        for j, b in enumerate(b_layers):
            xy = xx = yy = 0.0
            for s in range(0, n, batch):
                k, l = a[s:s + batch] @ a[s:s + batch].T, b[s:s + batch] @ b[s:s + batch].T
                xy += hsic1(k, l)
                xx += hsic1(k, k)
                yy += hsic1(l, l)
            out[i, j] = (xy / (n // batch)) / np.sqrt((xx / (n // batch)) * (yy / (n // batch)))
    return out


# --- LogME (You et al. 2021), thuml's fixed-point iteration ----------------------------------------------------
def log_me(f, y, classes):
    n, d = f.shape
    u, s, _ = np.linalg.svd(f, full_matrices=False)
    sigma = s ** 2
    evidences = []
    for c in range(classes):
        t_target = (y == c).astype(np.float64)
        x = u.T @ t_target
        x2 = x ** 2
        res_x2 = (t_target ** 2).sum() - x2.sum()
        alpha, beta = 1.0, 1.0
        for _ in range(11):
            t = alpha / beta
            gamma = (sigma / (sigma + t)).sum()
            m2 = (sigma * x2 / ((t + sigma) ** 2)).sum()
            res2 = (x2 / ((1 + sigma / t) ** 2)).sum() + res_x2
            alpha = gamma / (m2 + 1e-5)
            beta = (n - gamma) / (res2 + 1e-5)
            t_ = alpha / beta
            if abs(t_ - t) / t <= 1e-3:
                break
        # the paper's log|A| over all d eigenvalues of F'F: the d - len(sigma) zero ones each give log(alpha)
        log_det = np.sum(np.log(alpha + beta * sigma)) + (d - len(sigma)) * np.log(alpha)
        evidence = (d / 2.0 * np.log(alpha) + n / 2.0 * np.log(beta) - 0.5 * log_det - beta / 2.0 * res2
                    - alpha / 2.0 * m2 - n / 2.0 * np.log(2 * np.pi))
        evidences.append(evidence / n)
    return float(np.mean(evidences))


# --- LEEP (Nguyen et al. 2020), NCE (Tran et al. 2019), H-score (Bao et al. 2019) ------------------------------
def leep(theta, y, classes):
    n = theta.shape[0]
    joint = np.zeros((classes, theta.shape[1]))
    for i in range(n):
        joint[y[i]] += theta[i] / n
    conditional = joint / joint.sum(axis=0, keepdims=True)
    return float(np.mean([np.log(conditional[y[i]] @ theta[i]) for i in range(n)]))


def nce(z, y):
    n = len(z)
    total = 0.0
    for zv in np.unique(z):
        pz = np.mean(z == zv)
        for yv in np.unique(y[z == zv]):
            pyz = np.mean((z == zv) & (y == yv))
            total += pyz * np.log(pyz / pz)
    return float(total)


def h_score(f, y):
    cov_f = np.cov(f, rowvar=False)
    g = np.zeros_like(f)
    for c in np.unique(y):
        g[y == c] = f[y == c].mean(axis=0)
    cov_g = np.cov(g, rowvar=False)
    d = f.shape[1]
    return float(np.trace(np.linalg.pinv(cov_f, rcond=d * np.finfo(np.float64).eps) @ cov_g))


def softmax(logits):
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


# CKA: y a noisy linear map of x, both off-centre (centring is part of what is checked)
cka_x = f32(rng.normal(size=(12, 5)) + 3.0)
cka_y = f32(cka_x @ rng.normal(size=(5, 4)) + 0.5 * rng.normal(size=(12, 4)) - 1.0)

# minibatch CKA: 2 batches of 6; a[0] and b[0] are wider than a batch, a[1] narrower
mb_a0 = f32(rng.normal(size=(12, 8)) + 1.0)
mb_a1 = f32(mb_a0[:, :3] * 2.0 + rng.normal(size=(12, 3)))
mb_b0 = f32(np.maximum(mb_a0 @ rng.normal(size=(8, 10)), 0.0) + 0.3 * rng.normal(size=(12, 10)))

# LogME, H-score: 3 classes whose means differ; a tall (n > d) and a wide (n < d) feature matrix
tall_y = np.arange(40) % 3
tall_f = f32(rng.normal(size=(40, 6)) + np.eye(3, 6)[tall_y] * 1.5 + 0.2)
wide_y = np.arange(8) % 3
wide_f = f32(rng.normal(size=(8, 12)) + np.eye(3, 12)[wide_y])

# LEEP, NCE: 5 source classes whose logits carry some signal about 4 target classes
leep_y = np.arange(30) % 4
leep_theta = f32(softmax(rng.normal(size=(30, 5)) + 2.0 * np.eye(4, 5)[leep_y]))
nce_z = np.argmax(leep_theta, axis=1)

fixture = {
    "description": "similarity scores computed by make_fixture.py (NumPy " + np.__version__ + ")",
    "cka": {"x": matrix(cka_x), "y": matrix(cka_y), "linear": float(linear_cka(cka_x, cka_y)),
            "debiased": float(debiased_cka(cka_x, cka_y))},
    "minibatchCka": {"batchSize": 6, "a": [matrix(mb_a0), matrix(mb_a1)], "b": [matrix(mb_b0)],
                     "cka": minibatch_cka([mb_a0, mb_a1], [mb_b0], 6).tolist()},
    "logMe": [{"features": matrix(tall_f), "labels": tall_y.tolist(), "classes": 3,
               "score": log_me(tall_f, tall_y, 3)},
              {"features": matrix(wide_f), "labels": wide_y.tolist(), "classes": 3,
               "score": log_me(wide_f, wide_y, 3)}],
    "hScore": {"features": matrix(tall_f), "labels": tall_y.tolist(), "classes": 3,
               "score": h_score(tall_f, tall_y)},
    "leep": {"probabilities": matrix(leep_theta), "labels": leep_y.tolist(), "classes": 4,
             "score": leep(leep_theta, leep_y, 4)},
    "nce": {"sourceLabels": nce_z.tolist(), "sourceClasses": 5, "labels": leep_y.tolist(), "classes": 4,
            "score": nce(nce_z, leep_y)},
}

with open("fixture.json", "w") as out:
    json.dump(fixture, out, indent=1)
    out.write("\n")
print(json.dumps({k: v.get("score", v.get("linear", v.get("cka"))) if isinstance(v, dict) else
                  [e["score"] for e in v] for k, v in fixture.items() if k != "description"}))
print("debiased", fixture["cka"]["debiased"])
