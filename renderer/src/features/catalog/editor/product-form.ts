// The product editor's form: the shared versioned-form machine fed with the product form's rules (form.ts), the
// catalog store and the catalog's calls. The conflict path is the same for every versioned editor.
import type { Product, ProductInput } from '../../../../../electron/core/protocol/contract.ts';
import { useCatalog } from '../../../stores/catalog.ts';
import { editorTexts } from '../../../ui/form/editor-texts.ts';
import type { VersionedFormSpec } from '../../../ui/form/useVersionedForm.ts';
import { PRODUCT_RULES, type FieldIssues, type FieldName, type FormValues } from './form.ts';

export const PRODUCT_FORM = {
  rules: PRODUCT_RULES,
  useLatest: (id) => useCatalog((s) => (id === undefined ? undefined : s.items.find((p) => p.id === id))),
  apply: (product) => useCatalog.getState().applyProduct(product),
  create: (call, input) => call('catalog.create', { input }),
  update: (call, base, patch) => call('catalog.update', { id: base.id, expectedVersion: base.version, patch }),
  texts: editorTexts('editor'),
  saved: (t, product, created) => t(created ? 'product.created' : 'product.saved', { title: product.title }),
} satisfies VersionedFormSpec<Product, FormValues, FieldName, ProductInput, FieldIssues>;
