import { readCables } from '../import/read/index.ts';
async function main() {
let n=0,bad=0,refs=0,tags=0,to=0,info=0,signers=0,cb=0,garbled=0; const reasons=new Map<string,number>();
for await (const o of readCables([process.argv[2]!])) { n++; if(!o.ok){bad++; reasons.set(o.rejected.reason.slice(0,40),(reasons.get(o.rejected.reason.slice(0,40))??0)+1); continue;}
 const r=o.record; refs+=r.references.filter(x=>x.kind==='cable').length; tags+=r.tags.length; to+=r.to.length; info+=r.info.length; signers+=r.signers.length; cb+=r.classifiedBy.length; if(r.idAsWritten) garbled++;
 if(n<3) console.log(r.id, r.date, r.subject.slice(0,40), r.tags.map(t=>t.code), r.references.map(x=>x.cableId), r.to.length, r.info.length, r.signers, r.classifiedBy, r.sender); }
console.log({n,bad,refs,tags,to,info,signers,cb,garbled}, reasons);
}
main();
