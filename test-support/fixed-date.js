// Tests judge dated tables (EKS's Kubernetes version calendar) on one fixed day, so a suite that passes today passes
// next year too; a test that needs another day sets EKS_CDKTF_TODAY itself. Child processes inherit it.
process.env.EKS_CDKTF_TODAY = process.env.EKS_CDKTF_TODAY || "2026-12-01";
